import { TIE_KINDS, type TieKind } from '../domain/types';

export const markerId = (kind: TieKind) => `im-arrow-${kind}`;

/** Arrowheads, one per tie kind so each takes its kind's colour (set in CSS). */
export function TieMarkers() {
  return (
    <svg className="tie-markers" aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        {TIE_KINDS.map((kind) => (
          <marker key={kind} id={markerId(kind)} className={`tie-marker tie-marker--${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
