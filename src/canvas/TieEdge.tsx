import { BaseEdge, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useContext } from 'react';
import type { TieFlowEdge } from './flow-mapping';
import { floatingPath, orthogonalPath, type Box } from './geometry';
import { TIE_DASH, tieArrows, tieWidth } from '../io/palette';
import { markerId } from './markers';
import { TieRoutesContext } from './routes-context';

function boxOf(node: InternalNode): Box {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 150,
    height: node.measured.height ?? node.height ?? 76,
  };
}

function TieEdgeView({ id, source, target, data, selected }: EdgeProps<TieFlowEdge>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const route = useContext(TieRoutesContext).get(id);
  if (!sourceNode || !targetNode || !data) return null;
  const { tie, lane, lanes, faded, highlighted, broken } = data;
  const from = boxOf(sourceNode);
  const to = boxOf(targetNode);
  const path = tie.kind === 'reports-to' ? orthogonalPath(from, to, route?.elbow) : floatingPath(from, to, lane, lanes, route?.bow).path;
  const arrows = tieArrows(tie);
  const dash = TIE_DASH[tie.kind];
  const classes = ['tie', `tie--${tie.kind}`, `tie--s${tie.strength}`];
  if (tie.mutual) classes.push('tie--mutual');
  if (selected) classes.push('tie--selected');
  if (faded) classes.push('tie--faded');
  if (highlighted) classes.push('tie--highlighted');
  if (broken) classes.push('tie--broken');
  return (
    <g className={classes.join(' ')} data-kind={tie.kind}>
      <BaseEdge
        id={id}
        path={path}
        markerStart={arrows.start ? `url(#${markerId(tie.kind)})` : undefined}
        markerEnd={arrows.end ? `url(#${markerId(tie.kind)})` : undefined}
        style={{ strokeWidth: tieWidth(tie.kind, tie.strength), strokeDasharray: dash ? dash.join(' ') : undefined }}
        interactionWidth={18}
      />
    </g>
  );
}

export const TieEdge = memo(TieEdgeView);
