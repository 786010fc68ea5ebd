/**
 * Team maps: each other member's selection outlined on the canvas in their colour, with their
 * name, drawn in flow coordinates (React Flow's viewport portal) and taking no pointer events.
 */
import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import { NODE_HEIGHT, nodeWidth } from '../domain/defaults';
import { hasEntry } from '../domain/records';
import { PALETTE } from '../io/palette';
import { useEditor } from '../state/context';
import { useTeam } from '../state/team';

const OUTSET = 4;

export const PeerSelections = memo(function PeerSelections() {
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
              .map((id, i) => {
                const s = people[id];
                const at = drag && hasEntry(drag, id) ? drag[id] : s;
                return (
                  <div
                    key={`${peer.clientId}:${id}`}
                    className="peer-selection"
                    data-peer={peer.name}
                    data-person={id}
                    style={{ transform: `translate(${at.x - OUTSET}px, ${at.y - OUTSET}px)`, width: nodeWidth(s.influence) + 2 * OUTSET, height: NODE_HEIGHT + 2 * OUTSET, borderColor: peer.colour }}
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
