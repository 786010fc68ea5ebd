import type { ConnectionLineComponentProps } from '@xyflow/react';
import { TIE_DIRECTION_RULES } from '../domain/defaults';
import { useEditor } from '../state/context';
import type { StakeholderFlowNode } from './flow-mapping';
import { markerId } from './markers';

/**
 * The line that follows the pointer while a tie is drawn, in the look of the kind being drawn
 * (its colour, dash and arrowhead come from the same `tie--<kind>` rules as finished ties), so the
 * user sees what they are about to make.
 */
export function TieConnectionLine({ fromX, fromY, toX, toY }: ConnectionLineComponentProps<StakeholderFlowNode>) {
  const kind = useEditor((s) => s.tieKind);
  const oneWay = !TIE_DIRECTION_RULES[kind].defaultMutual;
  return (
    <g className={`tie tie--${kind} tie--s2 tie--drawing`} data-kind={kind}>
      <path
        className="react-flow__edge-path"
        d={`M${fromX},${fromY} L${toX},${toY}`}
        fill="none"
        style={{ strokeWidth: kind === 'reports-to' ? 1.5 : 2.5 }}
        markerEnd={oneWay ? `url(#${markerId(kind)})` : undefined}
      />
    </g>
  );
}
