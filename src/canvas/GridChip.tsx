import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { STANCE_LABELS } from '../domain/defaults';
import type { StakeholderFlowNode } from './flow-mapping';
import { TeamBadge } from './StakeholderNode';
import { isShortOfTarget, stanceGap } from '../domain/stance-history';
import type { Stance } from '../domain/types';

/** The longest arrow (a gap of four steps, blocker to champion); one step is the shortest. */
const ARROW_STEP = 6;

/**
 * The gap to the target stance: an arrow from the chip's stance dot towards a dot in the target's
 * colour, longer the more steps the person must move (the grid's axes are influence and interest,
 * so the target cannot be a place on the grid). From or to "unknown" it is drawn dashed, shortest.
 */
function TargetArrow({ stance, target }: { stance: Stance; target: Stance }) {
  const gap = stanceGap(stance, target);
  const steps = gap === null ? 1 : Math.abs(gap);
  const label = `Needs to be ${STANCE_LABELS[target]} (now ${STANCE_LABELS[stance]})`;
  return (
    <span className="chip__target" role="img" aria-label={label} title={label} data-steps={gap === null ? undefined : steps}>
      <span className={gap === null ? 'chip__arrow chip__arrow--unsure' : 'chip__arrow'} style={{ width: 6 + steps * ARROW_STEP }} />
      <span className="chip__target-dot" style={{ background: `var(--stance-${target})` }} />
    </span>
  );
}

/**
 * A person in the power/interest grid: a one-line name chip instead of a full card, so a crowded
 * cell still fits the screen at a zoom where names can be read. The stance shows as the dot and
 * the full details on hover; the cell says the scores.
 */
function GridChipView({ id, data, selected }: NodeProps<StakeholderFlowNode>) {
  const { person, level, isMe, faded, colour, hiddenCount } = data;
  const name = person.name || 'Unnamed person';
  const target = isShortOfTarget(person) ? person.targetStance : undefined;
  const classes = ['chip', `person--${person.stance}`];
  if (selected) classes.push('chip--selected');
  if (faded) classes.push('chip--faded');
  if (isMe) classes.push('chip--me');
  return (
    <div
      className={classes.join(' ')}
      style={colour ? ({ '--stance': colour } as React.CSSProperties) : undefined}
      title={`${name}${person.title ? `, ${person.title}` : ''}${person.department ? ` (${person.department})` : ''}, ${level}: ${STANCE_LABELS[person.stance]}${person.targetStance && person.targetStance !== person.stance ? `, needs to be ${STANCE_LABELS[person.targetStance]}` : ''}. Influence ${person.influence}, interest ${person.interest}.`}
    >
      <span className="chip__stance" aria-hidden="true" />
      {isMe && <span className="person__me">Me</span>}
      <span className="chip__name person__name-text">{name}</span>
      {target && <TargetArrow stance={person.stance} target={target} />}
      {hiddenCount ? <TeamBadge id={id} count={hiddenCount} inChip /> : null}
    </div>
  );
}

export const GridChip = memo(GridChipView);
