import type { ConnectionLineComponentProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { kindDirection } from '../domain/tie-kinds';
import { tieArrows, tieLook, tieWidth } from '../io/palette';
import { useEditor } from '../state/context';
import type { StakeholderFlowNode } from './flow-mapping';
import { markerId } from './markers';

/**
 * The line that follows the pointer while a tie is drawn, in the look of the kind being drawn
 * (its colour from the same `tie--<kind>` rule as finished ties; its dash, width and arrowhead from
 * the palette's tie rules, io/palette.ts), so the user sees what they are about to make.
 */
export function TieConnectionLine({ fromX, fromY, toX, toY }: ConnectionLineComponentProps<StakeholderFlowNode>) {
  const kind = useEditor((s) => s.tieKind);
  const settings = useEditor((s) => s.doc?.map.settings);
  const arrows = tieArrows({ kind, mutual: kindDirection(settings, kind).defaultMutual });
  const look = tieLook(settings, kind);
  const dash = look.dash;
  return (
    <g className={`tie tie--${look.cls} tie--s2 tie--drawing`} data-kind={kind} style={look.choice ? ({ '--tie-stroke': `var(--tie-${look.key})` } as CSSProperties) : undefined}>
      <path
        className="react-flow__edge-path"
        d={`M${fromX},${fromY} L${toX},${toY}`}
        fill="none"
        style={{ strokeWidth: tieWidth(kind, 2), strokeDasharray: dash ? dash.join(' ') : undefined }}
        markerEnd={arrows.end ? `url(#${markerId(look.key)})` : undefined}
      />
    </g>
  );
}
