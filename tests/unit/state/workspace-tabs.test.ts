import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../../../src/state/store';
import { Workspace } from '../../../src/state/workspace';
import { Repository } from '../../../src/storage/repository';
import { freshDb } from '../helpers/storage';
import { FakeBroadcast } from '../helpers/sync';
import { teamDoc } from '../helpers/docs';

describe('a map deleted in another tab', () => {
  it('closes in this tab with a notice and is not written back', async () => {
    const db = freshDb();
    const broadcast = new FakeBroadcast();
    const tabA = new Workspace(new Repository(db), createEditorStore(), broadcast.channel());
    const tabB = new Workspace(new Repository(db), createEditorStore(), broadcast.channel());
    const doc = teamDoc();
    await tabA.createMap(doc);
    await tabB.openMap(doc.map.id);
    expect(tabB.store.getState().doc?.map.id).toBe(doc.map.id);

    await tabA.deleteMap(doc.map.id);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tabB.store.getState().doc).toBeNull();
    expect(tabB.store.getState().notice?.text).toBe('This map was deleted in another tab.');
    await tabB.flush();
    expect(await tabA.listMaps()).toEqual([]);
  });
});
