import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { STANCE_LABELS } from '../domain/defaults';
import type { StakeholderFlowNode } from './flow-mapping';

/**
 * A person in the power/interest grid: a one-line name chip instead of a full card, so a crowded
 * cell still fits the screen at a zoom where names can be read. The stance shows as the dot and
 * the full details on hover; the cell says the scores.
 */
function GridChipView({ data, selected }: NodeProps<StakeholderFlowNode>) {
  const { person, level, isMe, faded, colour } = data;
  const name = person.name || 'Unnamed person';
  const classes = ['chip', `person--${person.stance}`];
  if (selected) classes.push('chip--selected');
  if (faded) classes.push('chip--faded');
  if (isMe) classes.push('chip--me');
  return (
    <div
      className={classes.join(' ')}
      style={colour ? ({ '--stance': colour } as React.CSSProperties) : undefined}
      title={`${name}${person.title ? `, ${person.title}` : ''}${person.department ? ` (${person.department})` : ''}, ${level}: ${STANCE_LABELS[person.stance]}. Influence ${person.influence}, interest ${person.interest}.`}
    >
      <span className="chip__stance" aria-hidden="true" />
      {isMe && <span className="person__me">Me</span>}
      <span className="chip__name person__name-text">{name}</span>
    </div>
  );
}

export const GridChip = memo(GridChipView);
