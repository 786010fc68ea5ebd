import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import type { MapDocument } from '../../src/domain/types';
import { ServicesProvider } from '../../src/state/context';
import { createEditorStore } from '../../src/state/store';
import { Workspace } from '../../src/state/workspace';
import { InfluenceDb } from '../../src/storage/db';
import { Repository } from '../../src/storage/repository';

/** Fresh services on a database of their own; the store holds `doc` when given. */
export function makeServices(doc?: MapDocument) {
  const db = new InfluenceDb(`c-${crypto.randomUUID()}`);
  const repo = new Repository(db);
  const store = createEditorStore();
  const workspace = new Workspace(repo, store);
  if (doc) store.getState().openDocument(doc);
  const renderUi = (ui: ReactElement) => render(<ServicesProvider services={{ store, workspace }}>{ui}</ServicesProvider>);
  const dispose = () => {
    workspace.dispose();
    db.close();
  };
  return { db, repo, store, workspace, renderUi, dispose };
}

/** Priya (Manager) influences Tom strongly; Tom reports to Ann; Ann and Priya have a tension. */
export function teamDoc(name = 'Team'): MapDocument {
  return documentFrom(
    createMapMeta(name, 1_000),
    [
      createStakeholder({ id: 'priya', name: 'Priya', seniority: 2 }),
      createStakeholder({ id: 'tom', name: 'Tom', seniority: 2 }),
      createStakeholder({ id: 'ann', name: 'Ann', seniority: 1 }),
    ],
    [
      createTie('priya', 'tom', 'influence', { id: 't1', strength: 3 }),
      createTie('tom', 'ann', 'reports-to', { id: 't2' }),
      createTie('ann', 'priya', 'tension', { id: 't3', mutual: true }),
    ],
  );
}
