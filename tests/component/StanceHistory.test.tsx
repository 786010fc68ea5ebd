import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSnapshot } from '../../src/storage/snapshots';
import { Inspector } from '../../src/ui/Inspector';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
beforeEach(() => {
  // Only the date is faked: the snapshot reads and React keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 2, 12, 10));
});
afterEach(() => {
  dispose?.();
  dispose = null;
  vi.useRealTimers();
});

async function setup() {
  const doc = teamDoc();
  doc.stakeholders.tom = { ...doc.stakeholders.tom, stance: 'sceptic' };
  const services = makeServices(doc);
  dispose = services.dispose;
  // Version history from before stance edits were recorded: Tom was a blocker in January.
  await saveSnapshot(services.repo, { ...doc, stakeholders: { ...doc.stakeholders, tom: { ...doc.stakeholders.tom, stance: 'blocker' } } }, { name: 'January', now: new Date(2026, 0, 5, 12).getTime() });
  services.store.getState().select(['tom'], []);
  services.renderUi(<Inspector />);
  return { ...services, doc: () => services.store.getState().doc!, user: userEvent.setup() };
}

describe('Details: stance history and target stance', () => {
  it('shows the history from snapshots, adds an edit with its date, and undo takes it back', async () => {
    const { user, doc, store } = await setup();
    expect(await screen.findByText('Stance history: Blocker → Sceptic (after 5 Jan 2026)')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Stance'), 'neutral');
    expect(doc().stakeholders.tom.stanceHistory).toEqual([{ date: '2026-03-12', from: 'sceptic', to: 'neutral' }]);
    expect(screen.getByText('Stance history: Blocker → Sceptic (after 5 Jan 2026) → Neutral (12 Mar 2026)')).toBeInTheDocument();
    act(() => store.getState().undo());
    expect(doc().stakeholders.tom.stanceHistory).toBeUndefined();
    expect(screen.getByText('Stance history: Blocker → Sceptic (after 5 Jan 2026)')).toBeInTheDocument();
  });

  it('Target stance is set and cleared next to Stance, with the gap in words', async () => {
    const { user, doc } = await setup();
    const target = screen.getByLabelText('Target stance');
    expect(target).toHaveValue('');
    expect(screen.getAllByRole('option', { name: 'Unknown' })).toHaveLength(1);
    await user.selectOptions(target, 'supporter');
    expect(doc().stakeholders.tom.targetStance).toBe('supporter');
    expect(screen.getByText('Not yet where you need them: 2 steps short of Supporter.')).toBeInTheDocument();
    await user.selectOptions(target, '—');
    expect(doc().stakeholders.tom.targetStance).toBeUndefined();
    expect(screen.queryByText(/Not yet where you need them/)).toBeNull();
  });
});
