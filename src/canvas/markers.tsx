import { HEALTH_LABELS, type HealthStatus } from '../domain/health';
import type { Point } from './geometry';
import { ARROWHEAD, TIE_LOOK_KEYS } from '../io/palette';
import { useStore } from '@xyflow/react';

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

/**
 * Relationship health on a tie to Me (domain/health.ts), halfway along it (also drawn in the sidebar's legend). Shape as well as colour
 * tells the three apart: strong a small dot, fading a ring, at risk a larger disc with "!". The
 * surface-coloured halo keeps it readable on any line, in light and dark. Takes no clicks.
 */
export function HealthMarker({ status, at = { x: 0, y: 0 }, scale = 1 }: { status: HealthStatus; at?: Point; scale?: number }) {
  return (
    <g className={`tie-health tie-health--${status}`} transform={`translate(${at.x} ${at.y}) scale(${scale})`} aria-hidden="true">
      <title>{`Relationship ${HEALTH_LABELS[status].toLowerCase()}`}</title>
      {status === 'strong' && <circle className="tie-health__shape" r={5} />}
      {status === 'fading' && <circle className="tie-health__shape" r={6} />}
      {status === 'at-risk' && (
        <>
          <circle className="tie-health__shape" r={8} />
          <path className="tie-health__glyph" d="M0,-4.2 L0,1 M0,3.6 L0,3.7" />
        </>
      )}
    </g>
  );
}

/** Zoomed out, a marker keeps at least its on-screen size (up to 2.5 times), so it stays legible on a fitted map. */
const markerScale = (s: { transform: [number, number, number] }) => Math.min(2.5, Math.max(1, 1 / s.transform[2]));

/**
 * The canvas's marker: only these few ties (ties to Me) follow the zoom, so a zoom re-renders
 * them and not every tie.
 */
export function ZoomedHealthMarker({ status, at }: { status: HealthStatus; at: Point }) {
  const scale = useStore(markerScale);
  return <HealthMarker status={status} at={at} scale={scale} />;
}
