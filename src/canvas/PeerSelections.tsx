/**
 * Team maps: each other member's selection outlined on the canvas in their colour, with their
 * name, drawn in flow coordinates (React Flow's viewport portal) and taking no pointer events.
 * On every view: the network canvas (network, focus, and the org chart, which is an arrangement
 * of the network positions) by default; the grid and "Me at the centre" pass where their own
 * layout put each card (`boxOf`), since those layouts never touch the network positions.
 */
import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import { hasEntry } from '../domain/records';
import { PALETTE } from '../io/palette';
import { useEditor } from '../state/context';
import { useTeam } from '../state/team';
import type { Id } from '../domain/types';

const OUTSET = 4;

export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `boxOf`: where a person's card is on this view, or null when the view does not show them. */
export const PeerSelections = memo(function PeerSelections({ boxOf }: { boxOf?: (id: Id) => CardBox | null }) {
  const peers = useTeam((s) => s.peers);
  const people = useEditor((s) => s.doc?.stakeholders);
  const drag = useEditor((s) => s.drag);
  if (!people || peers.every((p) => p.self || p.selection.length === 0)) return null;
  return (
    <ViewportPortal>
      {peers.flatMap((peer) =>
        peer.self
          ? []
          : peer.selection
              .filter((id) => hasEntry(people, id))
              .flatMap((id) => {
                if (boxOf) {
                  const box = boxOf(id);
                  return box ? [{ id, box }] : [];
                }
                const s = people[id];
                const at = drag && hasEntry(drag, id) ? drag[id] : s;
                return [{ id, box: { x: at.x, y: at.y, width: nodeWidth(s.influence), height: NODE_HEIGHT } }];
              })
              .map(({ id, box }, i) => {
                return (
                  <div
                    key={`${peer.clientId}:${id}`}
                    className="peer-selection"
                    data-peer={peer.name}
                    data-person={id}
                    style={{ transform: `translate(${box.x - OUTSET}px, ${box.y - OUTSET}px)`, width: box.width + 2 * OUTSET, height: box.height + 2 * OUTSET, borderColor: peer.colour }}
                  >
                    {i === 0 && (
                      <span className="peer-selection__name" style={{ background: peer.colour, color: PALETTE.light.accentText }}>
                        {peer.name || 'Someone'}
                      </span>
                    )}
                  </div>
                );
              }),
      )}
    </ViewportPortal>
  );
});
