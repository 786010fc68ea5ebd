import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapMeta, createStakeholder, createTie, documentFrom } from '../../src/domain/factories';
import type { MapDocument } from '../../src/domain/types';
import { useEditor } from '../../src/state/context';
import { ShowLevelsControl } from '../../src/ui/org/team';
import { makeServices } from './helpers';

/** What rendered in which order: the org tree worked out, or the map drawn (a stand-in). */
const log: string[] = vi.hoisted(() => []);

vi.mock('../../src/domain/org-tree', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/domain/org-tree')>();
  return {
    ...actual,
    cachedOrgTree: (doc: MapDocument) => {
      log.push(`tree ${doc.map.name}`);
      return actual.cachedOrgTree(doc);
    },
  };
});

function Drawn() {
  const name = useEditor((s) => s.doc?.map.name);
  log.push(`drawn ${name}`);
  return null;
}

/** A chain of `depth` people, each reporting to the one before. */
function chain(name: string, depth: number): MapDocument {
  const people = Array.from({ length: depth }, (_, i) => createStakeholder({ id: `p${i}`, name: `P${i}` }));
  const ties = people.slice(1).map((p, i) => createTie(p.id, `p${i}`, 'reports-to', { id: `t${i}` }));
  return documentFrom(createMapMeta(name, 1_000), people, ties);
}

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  log.length = 0;
});

describe('Show levels on a newly opened map', () => {
  it('works out the org tree in a render after the one that draws the map', async () => {
    const services = makeServices(chain('First', 3));
    dispose = services.dispose;
    services.renderUi(
      <>
        <ShowLevelsControl />
        <Drawn />
      </>,
    );
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['All', '1', '2']);
    log.length = 0;
    await act(async () => services.store.getState().openDocument(chain('Second', 5)));
    expect(log.indexOf('drawn Second')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('tree Second')).toBeGreaterThan(log.indexOf('drawn Second'));
    // And then the control offers the new map's levels.
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['All', '1', '2', '3', '4']);
  });
});
