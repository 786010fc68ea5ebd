import type { ConnectionLineComponentProps } from '@xyflow/react';
import { TIE_DIRECTION_RULES } from '../domain/defaults';
import { TIE_DASH, tieArrows, tieWidth } from '../io/palette';
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
  const arrows = tieArrows({ kind, mutual: TIE_DIRECTION_RULES[kind].defaultMutual });
  const dash = TIE_DASH[kind];
  return (
    <g className={`tie tie--${kind} tie--s2 tie--drawing`} data-kind={kind}>
      <path
        className="react-flow__edge-path"
        d={`M${fromX},${fromY} L${toX},${toY}`}
        fill="none"
        style={{ strokeWidth: tieWidth(kind, 2), strokeDasharray: dash ? dash.join(' ') : undefined }}
        markerEnd={arrows.end ? `url(#${markerId(kind)})` : undefined}
      />
    </g>
  );
}
