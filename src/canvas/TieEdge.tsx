import { BaseEdge, useInternalNode, ViewportPortal, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useContext, type CSSProperties } from 'react';
import type { TieFlowEdge } from './flow-mapping';
import { floatingPath, orthogonalPath, polylineMidpoint, type Box, type Point } from './geometry';
import { tieArrows, tieWidth } from '../io/palette';
import { markerId, ZoomedHealthMarker } from './markers';
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
  const { tie, lane, lanes, faded, highlighted, broken, look } = data;
  const from = boxOf(sourceNode);
  const to = boxOf(targetNode);
  let path: string;
  let middle: Point;
  if (tie.kind === 'reports-to') {
    path = orthogonalPath(from, to, route?.elbow);
    middle = polylineMidpoint(path);
  } else {
    const floating = floatingPath(from, to, lane, lanes, route?.bow);
    path = floating.path;
    middle = { x: floating.labelX, y: floating.labelY };
  }
  const arrows = tieArrows(tie);
  const dash = look.dash;
  const width = tieWidth(tie.kind, tie.strength);
  const marker = `url(#${markerId(look.key)})`;
  const classes = ['tie', `tie--${look.cls}`, `tie--s${tie.strength}`];
  if (tie.mutual) classes.push('tie--mutual');
  if (selected) classes.push('tie--selected');
  if (faded) classes.push('tie--faded');
  if (highlighted) classes.push('tie--highlighted');
  if (broken) classes.push('tie--broken');
  if (route?.over) classes.push('tie--over');
  // A map's own kind takes its colour choice through --tie-stroke (the `tie--custom` rule); the
  // copy drawn above the cards sits elsewhere in the DOM, so it carries the property too.
  const stroke = look.choice ? ({ '--tie-stroke': `var(--tie-${look.key})` } as CSSProperties) : undefined;
  return (
    <g className={classes.join(' ')} data-kind={tie.kind} style={stroke}>
      <BaseEdge
        id={id}
        path={path}
        markerStart={arrows.start ? marker : undefined}
        markerEnd={arrows.end ? marker : undefined}
        style={{ strokeWidth: width, strokeDasharray: dash ? dash.join(' ') : undefined }}
        interactionWidth={18}
      />
      {data.health && <ZoomedHealthMarker status={data.health} at={middle} />}
      {route?.over && (
        // No bend clears every card (routing.ts): the line is drawn again above the cards, half
        // see-through so the names under it stay readable, so it visibly crosses them instead of
        // seeming to end at a third person. The copy takes no clicks; the tie below stays clickable.
        <ViewportPortal>
          <svg className={`tie-over ${classes.join(' ')}`} style={stroke} aria-hidden="true">
            <path className="react-flow__edge-path" d={path} fill="none" style={{ strokeWidth: width, strokeDasharray: dash ? dash.join(' ') : undefined }} markerEnd={arrows.end ? marker : undefined} />
          </svg>
        </ViewportPortal>
      )}
    </g>
  );
}

export const TieEdge = memo(TieEdgeView);
