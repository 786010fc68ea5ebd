import { BaseEdge, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useContext } from 'react';
import type { TieFlowEdge } from './flow-mapping';
import { floatingPath, orthogonalPath, type Box } from './geometry';
import { markerId } from './markers';
import { TieRoutesContext } from './routes-context';

const STROKE_BY_STRENGTH = { 1: 1.5, 2: 2.5, 3: 4 } as const;

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
  const { tie, lane, lanes, faded, highlighted } = data;
  const from = boxOf(sourceNode);
  const to = boxOf(targetNode);
  const path = tie.kind === 'reports-to' ? orthogonalPath(from, to, route?.elbow) : floatingPath(from, to, lane, lanes, route?.bow).path;
  const oneWay = !tie.mutual;
  const classes = ['tie', `tie--${tie.kind}`, `tie--s${tie.strength}`];
  if (selected) classes.push('tie--selected');
  if (faded) classes.push('tie--faded');
  if (highlighted) classes.push('tie--highlighted');
  return (
    <g className={classes.join(' ')} data-kind={tie.kind}>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={oneWay ? `url(#${markerId(tie.kind)})` : undefined}
        style={{ strokeWidth: tie.kind === 'reports-to' ? 1.5 : STROKE_BY_STRENGTH[tie.strength] }}
        interactionWidth={18}
      />
    </g>
  );
}

export const TieEdge = memo(TieEdgeView);
