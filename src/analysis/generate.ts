/**
 * Realistic synthetic organisations for benchmarks and tests: a management hierarchy (span of
 * control 3-8), departments inherited from the executive at the top of each branch, seniority by
 * level, about four influence or trust ties per person (mostly within the team or department, some
 * across), a few tensions, and grid positions. Seeded: the same (size, seed) gives the same map.
 */
import { defaultSettings } from '../domain/defaults';
import { createStakeholder, createTie, documentFrom } from '../domain/factories';
import type { MapDocument, Stakeholder, Strength, Tie } from '../domain/types';
import { seededRandom } from './rng';
import { formatCount } from '../domain/numbers';

const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Marketing', 'People', 'Operations', 'Product', 'Legal'];
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Uma', 'Viktor', 'Wen', 'Xavi', 'Yara', 'Zane'];
const LAST = ['Adams', 'Baker', 'Costa', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lee', 'Mensah', 'Novak', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Urban', 'Virtanen', 'Weber', 'Yilmaz', 'Zhang'];

/** Informal ties per person; with one reports-to tie each, 2,000 people give about 10,000 ties. */
export const INFORMAL_TIES_PER_PERSON = 4;
const GRID_X = 260;
const GRID_Y = 140;

export function generateOrganisation(size: number, seed = 1): MapDocument {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const n = Math.max(0, Math.floor(size));

  // Hierarchy, breadth first: everyone's manager is an earlier person.
  const manager = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n);
  const department: string[] = new Array(n).fill('Executive');
  const reports: number[][] = Array.from({ length: n }, () => []);
  let next = 1;
  for (let m = 0; m < n && next < n; m++) {
    const span = m === 0 ? Math.min(DEPARTMENTS.length, 6) : 3 + Math.floor(random() * 6);
    for (let k = 0; k < span && next < n; k++, next++) {
      manager[next] = m;
      depth[next] = depth[m] + 1;
      department[next] = m === 0 ? DEPARTMENTS[k % DEPARTMENTS.length] : department[m];
      reports[m].push(next);
    }
  }
  const byDepartment = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byDepartment.get(department[i]);
    if (list) list.push(i);
    else byDepartment.set(department[i], [i]);
  }

  const columns = Math.max(1, Math.ceil(Math.sqrt(n)));
  const stakeholders: Stakeholder[] = [];
  for (let i = 0; i < n; i++) {
    const seniority = depth[i] === 0 ? 0 : depth[i] === 1 ? 1 : reports[i].length > 0 ? 2 : 3;
    stakeholders.push(
      createStakeholder({
        id: `g-${i}`,
        name: `${pick(FIRST)} ${pick(LAST)}`,
        title: seniority === 0 ? 'Chief Executive' : seniority === 1 ? `Head of ${department[i]}` : seniority === 2 ? `${department[i]} Manager` : `${department[i]} Specialist`,
        department: department[i],
        seniority,
        influence: 4 - Math.min(seniority, 3) + 1,
        x: (i % columns) * GRID_X,
        y: Math.floor(i / columns) * GRID_Y,
      }),
    );
  }

  const ties: Tie[] = [];
  const id = () => `gt-${ties.length}`;
  for (let i = 1; i < n; i++) ties.push(createTie(`g-${i}`, `g-${manager[i]}`, 'reports-to', { id: id() }));

  // Informal ties: 60% close (manager, reports, teammates), 25% same department, 15% anywhere.
  const seen = new Set<string>();
  const closeTo = (i: number): number[] => {
    const m = manager[i];
    return [...(m >= 0 ? [m, ...reports[m]] : []), ...reports[i]].filter((j) => j !== i);
  };
  if (n > 1) {
    for (let i = 0; i < n; i++) {
      for (let made = 0, attempts = 0; made < INFORMAL_TIES_PER_PERSON && attempts < 50; attempts++) {
        const r = random();
        const near = closeTo(i);
        const pool = r < 0.6 && near.length > 0 ? near : r < 0.85 ? byDepartment.get(department[i])! : null;
        const j = pool ? pick(pool) : Math.floor(random() * n);
        const kind = random() < 0.5 ? 'influence' : 'trust';
        const key = kind === 'trust' ? `${kind}:${Math.min(i, j)}:${Math.max(i, j)}` : `${kind}:${i}:${j}`;
        if (j === i || seen.has(key)) continue;
        seen.add(key);
        const strength = (1 + Math.floor(random() * 3)) as Strength;
        ties.push(createTie(`g-${i}`, `g-${j}`, kind, { id: id(), strength, mutual: kind === 'trust' && random() < 0.7 }));
        made++;
      }
    }
    // A few strained relationships, as in any real organisation.
    for (let t = 0; t < Math.floor(n / 100); t++) {
      const a = Math.floor(random() * n);
      const b = Math.floor(random() * n);
      if (a !== b) ties.push(createTie(`g-${a}`, `g-${b}`, 'tension', { id: id(), strength: 1, mutual: true }));
    }
  }

  const settings = defaultSettings();
  const meCandidates = stakeholders.filter((s) => s.seniority === 3);
  const map = {
    id: `generated-${n}-${seed}`,
    name: `Generated organisation (${formatCount(n)} people)`,
    createdAt: 0,
    updatedAt: 0,
    settings,
    meId: meCandidates.length ? pick(meCandidates).id : null,
  };
  return documentFrom(map, stakeholders, ties);
}
