import type { CSSProperties } from 'react';
import { kindDirection } from '../domain/tie-kinds';
import type { MapSettings, TieKindId } from '../domain/types';
import { ARROWHEAD, tieArrows, tieLook } from '../io/palette';

/**
 * A small sample of a tie's line, drawn by the same rule as the canvas and the exports: the
 * kind's colour and dash, and an arrowhead only when the tie is one-way. By default the kind's
 * usual direction (trust and tension mutual, influence and reports-to one-way; a map's own kind
 * by its direction rule, which needs `settings`).
 */
export function TieSymbol({ kind, settings, mutual, width = 34, className }: { kind: TieKindId; settings?: Pick<MapSettings, 'tieKinds'>; mutual?: boolean; width?: number; className?: string }) {
  const look = tieLook(settings, kind);
  const { start, end } = tieArrows({ kind, mutual: mutual ?? kindDirection(settings, kind).defaultMutual });
  const dash = look.dash;
  const colour = `var(--tie-${look.key})`;
  // The arrowhead's 10-unit box at 0.8 scale: 8 px long, its point on the line's end.
  const head = 8;
  return (
    <svg
      className={[className, 'tie-symbol', `tie--${look.cls}`].filter(Boolean).join(' ')}
      style={look.choice ? ({ '--tie-stroke': colour } as CSSProperties) : undefined}
      width={width}
      height="10"
      aria-hidden="true"
      data-arrows={`${start ? 'start ' : ''}${end ? 'end' : ''}`.trim() || 'none'}
    >
      <line x1={start ? 1 + head - 1 : 1} y1="5" x2={end ? width - head : width - 1} y2="5" stroke={colour} strokeDasharray={dash ? dash.join(' ') : undefined} />
      {end && <path d={ARROWHEAD.path} transform={`translate(${width - 1 - ARROWHEAD.refX * 0.8} 1) scale(0.8)`} fill={colour} />}
      {start && <path d={ARROWHEAD.path} transform={`translate(${1 + ARROWHEAD.refX * 0.8} 9) scale(-0.8)`} fill={colour} />}
    </svg>
  );
}
