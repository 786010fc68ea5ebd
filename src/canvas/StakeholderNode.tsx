import { Handle, Position, useConnection, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { departmentHue } from '../domain/describe';
import { STANCE_LABELS } from '../domain/defaults';
import type { StakeholderFlowNode } from './flow-mapping';

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;
const isConnecting = (c: { inProgress: boolean }) => c.inProgress;

function StakeholderNodeView({ data, selected }: NodeProps<StakeholderFlowNode>) {
  const { person, level, senior, isMe, faded, badge, colour, overdue } = data;
  // Only flips twice per connection gesture, so nodes do not re-render while the line follows the pointer.
  const connecting = useConnection(isConnecting);
  const hue = person.department ? departmentHue(person.department) : null;
  const classes = ['person', `person--${person.stance}`];
  if (selected) classes.push('person--selected');
  if (faded) classes.push('person--faded');
  if (isMe) classes.push('person--me');
  if (senior) classes.push('person--senior');
  if (overdue) classes.push('person--overdue');
  return (
    <div
      className={classes.join(' ')}
      style={{ ...(hue === null ? {} : { '--dept-hue': hue }), ...(colour ? { '--stance': colour } : {}) } as React.CSSProperties}
      title={`${person.name || 'Unnamed person'}${person.title ? `, ${person.title}` : ''}${person.department ? ` (${person.department})` : ''}: ${STANCE_LABELS[person.stance]}`}
    >
      <div className={hue === null ? 'person__band person__band--none' : 'person__band'} aria-hidden="true" />
      <div className="person__body">
        <div className="person__name">
          {isMe && <span className="person__me">Me</span>}
          <span className="person__name-text">{person.name || 'Unnamed person'}</span>
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
      {SIDES.map((side) => (
        <Handle key={side} id={side} type="source" position={side} className="person__handle" />
      ))}
      {/* While a tie is being drawn, the whole card accepts the drop, not just the small dots. */}
      <Handle id="body" type="source" position={Position.Top} className={connecting ? 'person__drop person__drop--active' : 'person__drop'} isConnectableStart={false} />
    </div>
  );
}

export const StakeholderNode = memo(StakeholderNodeView);
