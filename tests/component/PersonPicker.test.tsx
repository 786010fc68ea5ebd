import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateOrganisation } from '../../src/analysis/generate';
import { Inspector } from '../../src/ui/Inspector';
import { peopleByName, PersonPicker, PICKER_LIST_MAX } from '../../src/ui/PersonPicker';
import { moveStakeholders, updateStakeholder } from '../../src/domain/operations';
import { makeServices } from './helpers';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

/** A map too large for a drop-down of everyone, with two people of the same name. */
function largeMap() {
  const doc = generateOrganisation(PICKER_LIST_MAX + 50, 3);
  const [a, b, c] = Object.keys(doc.stakeholders);
  doc.stakeholders[a] = { ...doc.stakeholders[a], name: 'Zoë Quartermaine', title: 'CFO' };
  doc.stakeholders[b] = { ...doc.stakeholders[b], name: 'Zoë Quartermaine', title: 'Analyst' };
  doc.stakeholders[c] = { ...doc.stakeholders[c], name: 'Bartholomew Cho' };
  const services = makeServices(doc);
  dispose = services.dispose;
  return { ...services, ids: { a, b, c }, user: userEvent.setup() };
}

describe('Choosing a person on a large map', () => {
  it('"Me" is found by typing, with namesakes told apart, and no option is rendered until the field is used', async () => {
    const { renderUi, store, ids, user } = largeMap();
    renderUi(<Inspector />);
    const me = screen.getByLabelText('Me');
    expect(me.tagName).toBe('INPUT');
    expect(document.querySelectorAll('option')).toHaveLength(document.querySelectorAll('select option').length);
    await user.clear(me);
    await user.type(me, 'Zoë Quartermaine (Analyst)');
    expect(store.getState().doc!.map.meId).toBe(ids.b);
    expect(document.querySelector(`datalist option[value="Zoë Quartermaine (CFO)"]`)).not.toBeNull();
    await user.clear(me);
    expect(store.getState().doc!.map.meId).toBeNull();
  });

  it('Me set on a large map shows its label (namesakes told apart) without sorting everyone until the field is used', async () => {
    const { renderUi, store, ids, user } = largeMap();
    store.getState().setMe(ids.a);
    renderUi(<Inspector />);
    const me = screen.getByLabelText('Me');
    expect(me).toHaveValue('Zoë Quartermaine (CFO)');
    expect(me).not.toHaveAttribute('aria-invalid');
    expect(document.querySelector('datalist')).toBeNull();
    await user.click(me);
    expect(document.querySelector(`datalist option[value="Zoë Quartermaine (Analyst)"]`)).not.toBeNull();
    expect(me).toHaveValue('Zoë Quartermaine (CFO)');
  });

  it('given everyone unsorted, the picker asks for the sorted list only once the field is used', async () => {
    const { store, ids, user } = largeMap();
    const stakeholders = store.getState().doc!.stakeholders;
    const sorted = vi.fn(() => peopleByName(stakeholders));
    const chosen = vi.fn();
    render(<PersonPicker label="Who" people={{ all: Object.values(stakeholders), sorted }} value={ids.c} onChange={chosen} emptyLabel="Nobody" />);
    expect(screen.getByLabelText('Who')).toHaveValue('Bartholomew Cho');
    expect(sorted).not.toHaveBeenCalled();
    await user.click(screen.getByLabelText('Who'));
    expect(sorted).toHaveBeenCalled();
    await user.clear(screen.getByLabelText('Who'));
    await user.type(screen.getByLabelText('Who'), 'Zoë Quartermaine (Analyst)');
    expect(chosen).toHaveBeenLastCalledWith(ids.b);
  });

  it('a name nobody has is pointed out and chooses no one', async () => {
    const { renderUi, store, user } = largeMap();
    renderUi(<Inspector />);
    await user.clear(screen.getByLabelText('Me'));
    await user.type(screen.getByLabelText('Me'), 'Zed Nobody');
    // Not while typing: only once the field is left.
    expect(screen.queryByText(/No one on this map is called/)).toBeNull();
    await user.tab();
    expect(screen.getByText('No one on this map is called “Zed Nobody”.')).toBeInTheDocument();
    expect(screen.getByLabelText('Me')).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().doc!.map.meId ?? null).toBeNull();
  });

  it('"Tie to" takes a typed name, and Add tie draws the tie', async () => {
    const { renderUi, store, ids, user } = largeMap();
    store.getState().select([ids.a]);
    renderUi(<Inspector />);
    const before = Object.keys(store.getState().doc!.ties).length;
    const addTie = screen.getByRole('button', { name: 'Add tie' });
    expect(addTie).toBeDisabled();
    await user.type(screen.getByLabelText('Tie to'), 'bartholomew cho');
    expect(addTie).toBeEnabled();
    await user.click(addTie);
    const ties = Object.values(store.getState().doc!.ties);
    expect(ties).toHaveLength(before + 1);
    expect(ties.some((t) => t.source === ids.a && t.target === ids.c)).toBe(true);
  });
});

describe('people by name', () => {
  it('keeps its order through a move (the new records, no new sort) and sorts again after a rename', () => {
    const doc = generateOrganisation(40, 4);
    const first = peopleByName(doc.stakeholders);
    const moved = moveStakeholders(doc, { [first[5].id]: { x: 12345, y: 678 } });
    const afterMove = peopleByName(moved.stakeholders);
    expect(afterMove.map((p) => p.id)).toEqual(first.map((p) => p.id));
    expect(afterMove[5]).toBe(moved.stakeholders[first[5].id]);
    expect(afterMove[5].x).toBe(12345);
    const renamed = updateStakeholder(moved, first[0].id, { name: 'Zzz Last' });
    const afterRename = peopleByName(renamed.stakeholders);
    expect(afterRename.at(-1)!.id).toBe(first[0].id);
    expect(afterRename[0].id).toBe(first[1].id);
  });
});
