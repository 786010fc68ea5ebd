import { ARROWHEAD } from '../io/palette';
import { TIE_KINDS, type TieKind } from '../domain/types';

export const markerId = (kind: TieKind) => `im-arrow-${kind}`;

/** Arrowheads, one per tie kind so each takes its kind's colour (set in CSS); shape from io/palette.ts. */
export function TieMarkers() {
  return (
    <svg className="tie-markers" aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {TIE_KINDS.map((kind) => (
          <marker key={kind} id={markerId(kind)} className={`tie-marker tie-marker--${kind}`} viewBox={ARROWHEAD.viewBox} refX={ARROWHEAD.refX} refY={ARROWHEAD.refY} markerWidth={ARROWHEAD.size} markerHeight={ARROWHEAD.size} markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d={ARROWHEAD.path} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
