import { ARROWHEAD, TIE_LOOK_KEYS } from '../io/palette';

/** The marker of a look's colour key (io/palette.ts `tieLook`): a built-in kind or `c-<choice>`. */
export const markerId = (key: string) => `im-arrow-${key}`;

/**
 * Arrowheads, one per built-in kind and one per colour choice of a map's own kinds, so each takes
 * its colour (`fill: var(--tie-<key>)`); shape from io/palette.ts.
 */
export function TieMarkers() {
  return (
    <svg className="tie-markers" aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {TIE_LOOK_KEYS.map((kind) => (
          <marker key={kind} id={markerId(kind)} className={`tie-marker tie-marker--${kind}`} style={{ fill: `var(--tie-${kind})` }} viewBox={ARROWHEAD.viewBox} refX={ARROWHEAD.refX} refY={ARROWHEAD.refY} markerWidth={ARROWHEAD.size} markerHeight={ARROWHEAD.size} markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d={ARROWHEAD.path} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
