import { Handle, Position, useConnection, useStoreApi, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useLayoutEffect } from 'react';
import { departmentHue } from '../domain/describe';
import { STANCE_LABELS } from '../domain/defaults';
import { countOf, formatCount } from '../domain/numbers';
import { useEditor, useServices } from '../state/context';
import type { StakeholderFlowNode } from './flow-mapping';
import { useLod } from './lod/context';
import { NameEditor } from './NameEditor';

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;
const isConnecting = (c: { inProgress: boolean }) => c.inProgress;

/**
 * Zoomed out past the level-of-detail threshold the card is drawn on the canvas layer (lod/), so
 * the node is only a transparent hit target: clicks, box selection and drags still work, and the
 * name stays available as a tooltip.
 */
function StakeholderNodeView(props: NodeProps<StakeholderFlowNode>) {
  const lod = useLod();
  // The person being named is drawn as a card at every zoom, so the name can be typed in place.
  const renaming = useEditor((s) => s.renaming === props.id);
  if (lod && !renaming) {
    const hidden = props.data.hiddenCount ? ` (team collapsed: ${countOf(props.data.hiddenCount, 'person', 'people')} hidden)` : '';
    return <div className="person-mark" title={`${props.data.person.name || 'Unnamed person'}${hidden}`} />;
  }
  return <StakeholderCard {...props} />;
}

function StakeholderCard({ id, data, selected }: NodeProps<StakeholderFlowNode>) {
  const renaming = useEditor((s) => s.renaming === id);
  const storeApi = useStoreApi();
  const updateNodeInternals = useUpdateNodeInternals();
  useLayoutEffect(() => {
    // A node first measured as a mark has no handles on record: measure the card's once it is back.
    if (!storeApi.getState().nodeLookup.get(id)?.internals.handleBounds?.source?.length) updateNodeInternals(id);
  }, [id, storeApi, updateNodeInternals]);
  const { person, level, senior, isMe, faded, badge, colour, overdue, removed, hiddenCount } = data;
  // Only flips twice per connection gesture, so nodes do not re-render while the line follows the pointer.
  const connecting = useConnection(isConnecting);
  const hue = person.department ? departmentHue(person.department) : null;
  const classes = ['person', `person--${person.stance}`];
  if (selected) classes.push('person--selected');
  if (faded) classes.push('person--faded');
  if (isMe) classes.push('person--me');
  if (senior) classes.push('person--senior');
  if (overdue) classes.push('person--overdue');
  if (removed) classes.push('person--removed');
  return (
    <div
      className={classes.join(' ')}
      style={{ ...(hue === null ? {} : { '--dept-hue': hue }), ...(colour ? { '--stance': colour } : {}) } as React.CSSProperties}
      title={`${person.name || 'Unnamed person'}${person.title ? `, ${person.title}` : ''}${person.department ? ` (${person.department})` : ''}, ${level}: ${STANCE_LABELS[person.stance]}`}
    >
      <div className={hue === null ? 'person__band person__band--none' : 'person__band'} aria-hidden="true" />
      <div className="person__body">
        <div className="person__name">
          {isMe && <span className="person__me">Me</span>}
          {renaming ? <NameEditor id={id} name={person.name} /> : <span className="person__name-text">{person.name || 'Unnamed person'}</span>}
        </div>
        <div className="person__title">{person.title || '\u00a0'}</div>
        <div className="person__meta">
          <span className={senior ? 'person__level person__level--senior' : 'person__level'}>{level}</span>
          {person.department && <span className="person__dept">{person.department}</span>}
        </div>
      </div>
      <span className="person__stance" aria-hidden="true" />
      {badge && <span className="person__badge">{badge}</span>}
      {overdue && <span className="person__overdue" title="Catch-up overdue" aria-label="Catch-up overdue" role="img" />}
      {hiddenCount ? <TeamBadge id={id} count={hiddenCount} /> : null}
      {SIDES.map((side) => (
        <Handle key={side} id={side} type="source" position={side} className="person__handle" />
      ))}
      {/* While a tie is being drawn, the whole card accepts the drop, not just the small dots. */}
      <Handle id="body" type="source" position={Position.Top} className={connecting ? 'person__drop person__drop--active' : 'person__drop'} isConnectableStart={false} />
    </div>
  );
}

/**
 * "+42" under a collapsed manager's card (inside a grid chip, at its end): how many of the team are
 * out of sight; a click shows them.
 */
export function TeamBadge({ id, count, inChip = false }: { id: string; count: number; inChip?: boolean }) {
  const { store } = useServices();
  const label = `Expand team (${countOf(count, 'person', 'people')} hidden)`;
  return (
    <button
      type="button"
      // nodrag/nopan: a click on the badge is not the start of a drag or a pan of the canvas.
      className={inChip ? 'person__team person__team--chip nodrag nopan' : 'person__team nodrag nopan'}
      aria-label={label}
      title={label}
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        store.getState().expandTeam(id);
      }}
    >
      <svg viewBox="0 0 10 10" width="8" height="8" aria-hidden="true">
        <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
      +{formatCount(count)}
    </button>
  );
}

export const StakeholderNode = memo(StakeholderNodeView);
