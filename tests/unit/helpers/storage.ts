/** Storage test helpers: a fresh fake-indexeddb database per test, and a write counter. */
import type { DBCoreMutateRequest } from 'dexie';
import { InfluenceDb, type SchemaVersion } from '../../../src/storage/db';
import { Repository } from '../../../src/storage/repository';

export function freshDb(versions?: SchemaVersion[], name = `t-${crypto.randomUUID()}`): InfluenceDb {
  return new InfluenceDb(name, versions);
}

export function freshRepo(): Repository {
  return new Repository(freshDb());
}

export interface WriteCounter {
  /** Records put, added or deleted, per table, since the last reset. */
  counts: Record<string, number>;
  reset(): void;
  /** Records written to the people and ties tables. */
  records(): number;
}

/** Counts every record written through Dexie's lowest layer. Call before the database opens. */
export function countWrites(db: InfluenceDb): WriteCounter {
  const counter: WriteCounter = {
    counts: {},
    reset() {
      for (const key of Object.keys(counter.counts)) delete counter.counts[key];
    },
    records() {
      return (counter.counts.stakeholders ?? 0) + (counter.counts.ties ?? 0);
    },
  };
  const size = (req: DBCoreMutateRequest) => (req.type === 'deleteRange' ? 1 : req.type === 'delete' ? req.keys.length : req.values.length);
  db.use({
    stack: 'dbcore',
    name: 'test-write-counter',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            mutate(req) {
              const n = size(req);
              if (n > 0) counter.counts[name] = (counter.counts[name] ?? 0) + n;
              return table.mutate(req);
            },
          };
        },
      };
    },
  });
  return counter;
}
