import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateStakeholder } from '../../../src/domain/operations';
import { createEditorStore, type EditorStoreApi } from '../../../src/state/store';
import { docOf, person, teamDoc } from '../helpers/docs';

function open(doc = teamDoc()): EditorStoreApi {
  const store = createEditorStore();
  store.getState().openDocument(doc);
  return store;
}
const doc = (store: EditorStoreApi) => store.getState().doc!;
const steps = (store: EditorStoreApi) => store.temporal.getState().pastStates.length;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2024-06-01T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('undo and redo of every document change', () => {
  it('add', () => {
    const store = open();
    const before = doc(store);
    const id = store.getState().addStakeholderAt({ x: 10, y: 20 })!;
    expect(doc(store).stakeholders[id]).toMatchObject({ x: 10, y: 20 });
    store.getState().undo();
    expect(doc(store)).toBe(before);
    store.getState().redo();
    expect(doc(store).stakeholders[id]).toMatchObject({ x: 10, y: 20 });
  });

  it('edit', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { title: 'Head of Sales' });
    expect(doc(store).stakeholders.tom.title).toBe('Head of Sales');
    store.getState().undo();
    expect(doc(store).stakeholders.tom.title).toBe('');
    store.getState().redo();
    expect(doc(store).stakeholders.tom.title).toBe('Head of Sales');
  });

  it('connect, and a refused tie is no step at all', () => {
    const store = open();
    expect(store.getState().connect('priya', 'ann', 'influence')).toBe(true);
    expect(Object.keys(doc(store).ties)).toHaveLength(4);
    expect(store.getState().connect('priya', 'priya', 'influence')).toBe(false);
    expect(store.getState().notice).toMatchObject({ tone: 'error', text: expect.stringMatching(/themselves/) });
    expect(steps(store)).toBe(1);
    store.getState().undo();
    expect(Object.keys(doc(store).ties).sort()).toEqual(['t1', 't2', 't3']);
    store.getState().redo();
    expect(Object.keys(doc(store).ties)).toHaveLength(4);
  });

  it('connect uses the tool kind and its default direction', () => {
    const store = open(docOf([person('a'), person('b')]));
    store.getState().setTieKind('trust');
    store.getState().connect('a', 'b');
    expect(Object.values(doc(store).ties)[0]).toMatchObject({ kind: 'trust', mutual: true });
  });

  it('delete brings back the person and their ties in one undo', () => {
    const store = open();
    const before = doc(store);
    store.getState().select(['tom']);
    store.getState().deleteSelection();
    expect(doc(store).stakeholders.tom).toBeUndefined();
    expect(Object.keys(doc(store).ties)).toEqual(['t3']);
    store.getState().undo();
    expect(doc(store)).toBe(before);
    store.getState().redo();
    expect(Object.keys(doc(store).stakeholders).sort()).toEqual(['ann', 'priya']);
  });

  it('paste is one step with its internal ties, and selects the copies', () => {
    const store = open();
    const before = doc(store);
    store.getState().select(['priya', 'tom']);
    expect(store.getState().copySelection()).toBe(2);
    expect(store.getState().paste()).toBe(2);
    expect(Object.keys(doc(store).stakeholders)).toHaveLength(5);
    expect(Object.keys(doc(store).ties)).toHaveLength(4);
    const pasted = [...store.getState().selectedNodes];
    expect(pasted).toHaveLength(2);
    for (const id of pasted) expect(before.stakeholders[id]).toBeUndefined();
    store.getState().undo();
    expect(doc(store)).toBe(before);
    expect(store.getState().selectedNodes.size).toBe(0);
  });

  it('duplicate copies the selection with its internal ties in one step', () => {
    const store = open();
    const before = doc(store);
    store.getState().select(['priya', 'tom', 'ann']);
    expect(store.getState().duplicateSelection()).toBe(3);
    expect(Object.keys(doc(store).stakeholders)).toHaveLength(6);
    expect(Object.keys(doc(store).ties)).toHaveLength(6);
    expect(steps(store)).toBe(1);
    store.getState().undo();
    expect(doc(store)).toBe(before);
  });

  it('setting Me is undoable', () => {
    const store = open();
    store.getState().setMe('priya');
    expect(doc(store).map.meId).toBe('priya');
    store.getState().undo();
    expect(doc(store).map.meId).toBeNull();
  });

  it('each paste of the same clip lands further along', () => {
    const store = open(docOf([person('a', { x: 0, y: 0 })]));
    store.getState().select(['a']);
    store.getState().copySelection();
    store.getState().paste();
    const first = [...store.getState().selectedNodes][0];
    store.getState().paste();
    const second = [...store.getState().selectedNodes][0];
    expect(doc(store).stakeholders[first]).toMatchObject({ x: 40, y: 40 });
    expect(doc(store).stakeholders[second]).toMatchObject({ x: 80, y: 80 });
  });

  it('move', () => {
    const store = open();
    store.getState().dragEnd({ tom: { x: 300, y: 300 } });
    expect(doc(store).stakeholders.tom).toMatchObject({ x: 300, y: 300 });
    store.getState().undo();
    expect(doc(store).stakeholders.tom).toMatchObject({ x: 200, y: 0 });
  });

  it('a new edit after undo clears redo', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { title: 'A' });
    store.getState().undo();
    store.getState().updateStakeholder('tom', { notes: 'B' });
    store.getState().redo();
    expect(doc(store).stakeholders.tom).toMatchObject({ title: '', notes: 'B' });
  });
});

describe('one undo step per gesture', () => {
  it('a drag is one step however many times the pointer moved', () => {
    const store = open();
    const before = doc(store);
    for (let i = 1; i <= 30; i++) store.getState().dragTo({ tom: { x: 200 + i, y: i }, priya: { x: i, y: 0 } });
    // Nothing is committed to the document while the drag is under way.
    expect(doc(store)).toBe(before);
    expect(store.getState().drag).toEqual({ tom: { x: 230, y: 30 }, priya: { x: 30, y: 0 } });
    store.getState().dragEnd({ tom: { x: 240, y: 40 } });
    expect(store.getState().drag).toBeNull();
    expect(doc(store).stakeholders.tom).toMatchObject({ x: 240, y: 40 });
    expect(doc(store).stakeholders.priya).toMatchObject({ x: 30, y: 0 });
    expect(steps(store)).toBe(1);
    store.getState().undo();
    expect(doc(store)).toBe(before);
  });

  it('a drag that ends where it started is no step', () => {
    const store = open();
    store.getState().dragTo({ tom: { x: 250, y: 0 } });
    store.getState().dragEnd({ tom: { x: 200, y: 0 } });
    expect(steps(store)).toBe(0);
  });

  it('a burst of typing in one field is one step', () => {
    const store = open();
    for (const name of ['T', 'To', 'Tom', 'Tom ', 'Tom J']) {
      store.getState().updateStakeholder('tom', { name });
      vi.advanceTimersByTime(300);
    }
    expect(doc(store).stakeholders.tom.name).toBe('Tom J');
    expect(steps(store)).toBe(1);
    store.getState().undo();
    expect(doc(store).stakeholders.tom.name).toBe('tom');
    store.getState().redo();
    expect(doc(store).stakeholders.tom.name).toBe('Tom J');
  });

  it('typing in two different fields is two steps', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    store.getState().updateStakeholder('tom', { title: 'Rep' });
    store.getState().updateStakeholder('tom', { title: 'Rep I' });
    expect(steps(store)).toBe(2);
    store.getState().undo();
    expect(doc(store).stakeholders.tom).toMatchObject({ name: 'Tom', title: '' });
  });

  it('the same field in two different people is two steps', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    store.getState().updateStakeholder('ann', { name: 'Ann' });
    expect(steps(store)).toBe(2);
  });

  it('typing again after a pause is a new step', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    vi.advanceTimersByTime(1500);
    store.getState().updateStakeholder('tom', { name: 'Tom Jones' });
    expect(steps(store)).toBe(2);
    store.getState().undo();
    expect(doc(store).stakeholders.tom.name).toBe('Tom');
  });

  it('typing, then another change, then typing in the same field is three steps', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    store.getState().dragEnd({ ann: { x: 1, y: 1 } });
    store.getState().updateStakeholder('tom', { name: 'Tom J' });
    expect(steps(store)).toBe(3);
  });

  it('typing after an undo starts a new step instead of rewriting history', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    store.getState().undo();
    store.getState().updateStakeholder('tom', { name: 'Thomas' });
    expect(steps(store)).toBe(1);
    store.getState().undo();
    expect(doc(store).stakeholders.tom.name).toBe('tom');
  });
});

describe('selection and history housekeeping', () => {
  it('naming in place is on-screen state: no undo step, and cleared when another map opens', () => {
    const store = open();
    const before = steps(store);
    store.getState().setRenaming('priya');
    expect(store.getState().renaming).toBe('priya');
    expect(steps(store)).toBe(before);
    store.getState().openDocument(teamDoc('Other'));
    expect(store.getState().renaming).toBeNull();
  });

  it('undo drops from the selection what no longer exists', () => {
    const store = open();
    const id = store.getState().addStakeholderAt({ x: 0, y: 0 })!;
    expect([...store.getState().selectedNodes]).toEqual([id]);
    store.getState().undo();
    expect(store.getState().selectedNodes.size).toBe(0);

    store.getState().connect('priya', 'ann', 'influence');
    expect(store.getState().selectedTies.size).toBe(1);
    store.getState().undo();
    expect(store.getState().selectedTies.size).toBe(0);
  });

  it('undo keeps the selection of people who still exist', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { title: 'x' });
    store.getState().select(['tom', 'priya'], ['t1']);
    store.getState().undo();
    expect([...store.getState().selectedNodes].sort()).toEqual(['priya', 'tom']);
    expect([...store.getState().selectedTies]).toEqual(['t1']);
  });

  it('selection changes are not undo steps', () => {
    const store = open();
    store.getState().select(['tom']);
    store.getState().selectAll();
    store.getState().clearSelection();
    store.getState().setTieKind('tension');
    expect(steps(store)).toBe(0);
  });

  it('opening a document clears the history', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { title: 'x' });
    store.getState().undo();
    store.getState().updateStakeholder('tom', { notes: 'y' });
    const other = docOf([person('z')]);
    store.getState().openDocument(other);
    expect(steps(store)).toBe(0);
    expect(store.temporal.getState().futureStates).toHaveLength(0);
    store.getState().undo();
    expect(doc(store)).toBe(other);
  });

  it('typing in a field right after opening another map is not merged into the old map', () => {
    const store = open();
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    store.getState().openDocument(teamDoc('Other'));
    store.getState().updateStakeholder('tom', { name: 'Tom' });
    expect(steps(store)).toBe(1);
  });

  it("adopting another tab's change is not an undo step", () => {
    const store = open();
    store.getState().updateStakeholder('tom', { title: 'Mine' });
    expect(steps(store)).toBe(1);
    store.getState().adoptExternal(updateStakeholder(doc(store), 'priya', { notes: 'from the other tab' }));
    expect(steps(store)).toBe(1);
    expect(store.temporal.getState().futureStates).toHaveLength(0);
    store.getState().undo();
    expect(doc(store).stakeholders.tom.title).toBe('');
    expect(steps(store)).toBe(0);
  });

  it("undo after adopting another tab's change reverts only my edit, not theirs", () => {
    // Otherwise autosave writes the reverted record back and silently loses the other tab's edit.
    const store = open();
    store.getState().updateStakeholder('tom', { title: 'Mine' });
    store.getState().adoptExternal(updateStakeholder(doc(store), 'priya', { notes: 'from the other tab' }));
    store.getState().undo();
    expect(doc(store).stakeholders.tom.title).toBe('');
    expect(doc(store).stakeholders.priya.notes).toBe('from the other tab');
  });

  it('adopting a change that deletes a selected person drops them from the selection', () => {
    const store = open();
    store.getState().select(['tom', 'ann']);
    const { tom: _gone, ...rest } = doc(store).stakeholders;
    store.getState().adoptExternal({ ...doc(store), stakeholders: rest });
    expect([...store.getState().selectedNodes]).toEqual(['ann']);
  });

  it('renaming the map and changing settings are undoable', () => {
    const store = open(docOf([person('a', { seniority: 3 })], [], 'Old'));
    store.getState().renameMap('New');
    store.getState().updateSettings({ levels: ['Lead', 'Staff'], leadershipLevel: 0, cadenceDays: [30, 60] });
    expect(doc(store).stakeholders.a.seniority).toBe(1);
    store.getState().undo();
    expect(doc(store).map.settings.levels).toHaveLength(4);
    expect(doc(store).stakeholders.a.seniority).toBe(3);
    store.getState().undo();
    expect(doc(store).map.name).toBe('Old');
  });
});

describe('selecting the same people again', () => {
  it('keeps the selection sets (the canvas re-maps nothing), and a different selection gets new ones', () => {
    const store = createEditorStore();
    store.getState().openDocument(teamDoc());
    const ids = Object.keys(store.getState().doc!.stakeholders);
    store.getState().select([ids[0]]);
    const { selectedNodes, selectedTies } = store.getState();
    store.getState().select([ids[0]]);
    expect(store.getState().selectedNodes).toBe(selectedNodes);
    expect(store.getState().selectedTies).toBe(selectedTies);
    store.getState().select([ids[1]]);
    expect([...store.getState().selectedNodes]).toEqual([ids[1]]);
    expect(store.getState().selectedTies).toBe(selectedTies);
  });
});
