/**
 * The editor's text fields keep to the same limits restore uses: a paste beyond the limit is cut
 * at once with a message naming the limit, so what the screen shows (and calls "Saved") is what
 * the next load shows.
 */
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../src/domain/limits';
import { restoreDocument } from '../../src/domain/restore';
import { Inspector } from '../../src/ui/Inspector';
import { makeServices, teamDoc } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

function setup(select?: { nodes?: string[]; ties?: string[] }) {
  const services = makeServices(teamDoc());
  dispose = services.dispose;
  if (select) services.store.getState().select(select.nodes ?? [], select.ties ?? []);
  services.renderUi(<Inspector />);
  return { ...services, doc: () => services.store.getState().doc! };
}

/** What a paste does to a controlled field: one change with the whole new value. */
const paste = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

describe('text limits at input', () => {
  it('Notes: 120,000 pasted characters keep 100,000, say so, and a restore of the result changes nothing', () => {
    const { doc } = setup({ nodes: ['tom'] });
    paste(screen.getByLabelText('Notes'), 'n'.repeat(120_000));
    expect(doc().stakeholders.tom.notes).toHaveLength(TEXT_LIMITS.notes);
    expect(screen.getByTestId('limit-note')).toHaveTextContent('Notes can be at most 100,000 characters; the rest was not kept.');
    const d = doc();
    const restored = restoreDocument({ map: d.map, stakeholders: d.stakeholders, ties: d.ties }, { source: 'indexeddb' });
    expect(restored.ok && restored.problems).toEqual([]);
  });

  it('the message goes once the text is within the limit again', async () => {
    setup({ nodes: ['tom'] });
    const title = screen.getByLabelText('Title');
    paste(title, 't'.repeat(501));
    expect(title).toHaveValue('t'.repeat(500));
    expect(screen.getByTestId('limit-note')).toHaveTextContent('A title can be at most 500 characters');
    await userEvent.setup().type(title, '{Backspace}');
    expect(screen.queryByTestId('limit-note')).toBeNull();
  });

  it('an over-long tag is cut to the limit, not dropped', () => {
    const { doc } = setup({ nodes: ['tom'] });
    paste(screen.getByLabelText('Tags'), `ok, ${'g'.repeat(250)}`);
    expect(doc().stakeholders.tom.tags).toEqual(['ok', 'g'.repeat(TEXT_LIMITS.tag)]);
    expect(screen.getByTestId('limit-note')).toHaveTextContent('A tag can be at most 200 characters');
  });

  it('a tie note beyond 100,000 characters is cut with a message', () => {
    const { doc } = setup({ ties: ['t1'] });
    paste(screen.getByLabelText('Note'), 'q'.repeat(100_001));
    expect(doc().ties.t1.note).toHaveLength(TEXT_LIMITS.tieNote);
    expect(screen.getByTestId('limit-note')).toHaveTextContent('A tie note can be at most 100,000 characters');
  });

  it('one over-long level name is cut on its own; the other levels stay', () => {
    const { doc } = setup();
    const before = doc().map.settings.levels;
    paste(screen.getByLabelText('Level 2 name'), 'l'.repeat(201));
    expect(doc().map.settings.levels).toEqual([before[0], 'l'.repeat(TEXT_LIMITS.levelName), ...before.slice(2)]);
    expect(screen.getByTestId('limit-note')).toHaveTextContent('A level name can be at most 200 characters');
  });
});
