/**
 * "Sample organisation": a realistic 40-person demo map a new user can open from the empty state.
 * It is built so the analysis has something to say: a sales engineer and a product marketer who
 * bridge departments, a chief of staff and a senior engineer who quietly advise the executives, a
 * VP who is more title than influence, a few strained relationships, and a "Me" (a software
 * engineer) with several routes to the CEO. Ids are fixed ('p-ceo', ...) so tests can name people;
 * the map id is fresh each time so loading the sample twice gives two independent maps.
 */
import { nodeWidth } from './defaults';
import { createMapMeta, createStakeholder, createTie, documentFrom } from './factories';
import type { MapDocument, Stakeholder, Strength, Tie, TieKind } from './types';

const EXECUTIVE = 0;
const SENIOR = 1;
const MANAGER = 2;
const IC = 3;

/** A sample person: the stakeholder's own fields, tags and notes if any, and their manager. */
type PersonSpec = Pick<Stakeholder, 'id' | 'name' | 'title' | 'department' | 'seniority' | 'influence' | 'interest' | 'stance'> &
  Partial<Pick<Stakeholder, 'tags' | 'notes'>> & {
    /** Manager's id: the reports-to tie and the org-chart layout come from it. */
    manager?: string;
  };

const PEOPLE: PersonSpec[] = [
  { id: 'p-ceo', name: 'Helena Brandt', title: 'Chief Executive Officer', department: 'Executive', seniority: EXECUTIVE, influence: 5, interest: 3, stance: 'neutral', tags: ['founder', 'budget holder'], notes: 'Decides on the platform roadmap at the quarterly review. Listens to Olivia before most decisions.' },
  { id: 'p-cfo', name: 'Marcus Okafor', title: 'Chief Financial Officer', department: 'Finance', seniority: EXECUTIVE, influence: 5, interest: 2, stance: 'sceptic', tags: ['budget holder'], notes: 'Wants a cost case for every new hire.', manager: 'p-ceo' },
  { id: 'p-cto', name: 'Priya Raman', title: 'Chief Technology Officer', department: 'Engineering', seniority: EXECUTIVE, influence: 5, interest: 5, stance: 'supporter', tags: ['budget holder', 'sponsor'], notes: 'Sponsors the reliability programme.', manager: 'p-ceo' },
  { id: 'p-cos', name: 'Olivia Hart', title: 'Chief of Staff', department: 'Executive', seniority: MANAGER, influence: 4, interest: 4, stance: 'supporter', tags: ['connector'], notes: 'Runs the leadership meeting agenda. The CEO and CFO both run ideas past her first.', manager: 'p-ceo' },
  { id: 'p-vp-sales', name: 'Daniel Reyes', title: 'VP Sales', department: 'Sales', seniority: SENIOR, influence: 4, interest: 3, stance: 'blocker', tags: ['budget holder'], notes: 'Sees platform work as a delay to customer features.', manager: 'p-ceo' },
  { id: 'p-vp-marketing', name: 'Sofia Lindqvist', title: 'VP Marketing', department: 'Marketing', seniority: SENIOR, influence: 3, interest: 2, stance: 'neutral', tags: ['new hire'], notes: 'Joined three months ago; still building relationships.', manager: 'p-ceo' },
  { id: 'p-vp-people', name: 'Grace Mensah', title: 'VP People', department: 'People', seniority: SENIOR, influence: 3, interest: 3, stance: 'supporter', notes: 'Owns the promotion process.', manager: 'p-ceo' },
  { id: 'p-vp-eng', name: 'Tom Becker', title: 'VP Engineering', department: 'Engineering', seniority: SENIOR, influence: 3, interest: 4, stance: 'sceptic', notes: 'Formally owns delivery; the CTO often goes straight to the engineers.', manager: 'p-cto' },

  { id: 'p-sales-emea', name: 'Lucas Moreau', title: 'Sales Manager EMEA', department: 'Sales', seniority: MANAGER, influence: 3, interest: 2, stance: 'neutral', manager: 'p-vp-sales' },
  { id: 'p-sales-na', name: 'Aisha Khan', title: 'Sales Manager North America', department: 'Sales', seniority: MANAGER, influence: 3, interest: 3, stance: 'supporter', manager: 'p-vp-sales' },
  { id: 'p-sales-ops', name: "Liam O'Brien", title: 'Sales Operations Analyst', department: 'Sales', seniority: IC, influence: 2, interest: 2, stance: 'unknown', manager: 'p-vp-sales' },
  { id: 'p-eng-platform', name: 'Jonas Weber', title: 'Engineering Manager, Platform', department: 'Engineering', seniority: MANAGER, influence: 3, interest: 5, stance: 'champion', tags: ['my manager'], notes: 'My manager. Supportive of my promotion case.', manager: 'p-vp-eng' },
  { id: 'p-eng-product', name: 'Mei Chen', title: 'Engineering Manager, Product', department: 'Engineering', seniority: MANAGER, influence: 3, interest: 3, stance: 'sceptic', notes: 'We disagreed about on-call ownership last quarter.', manager: 'p-vp-eng' },
  { id: 'p-staff-eng', name: 'Ingrid Holm', title: 'Staff Engineer', department: 'Engineering', seniority: IC, influence: 3, interest: 4, stance: 'supporter', tags: ['mentor'], manager: 'p-vp-eng' },
  { id: 'p-product-lead', name: 'Yuki Tanaka', title: 'Head of Product', department: 'Engineering', seniority: MANAGER, influence: 4, interest: 3, stance: 'neutral', manager: 'p-cto' },
  { id: 'p-controller', name: 'Robert Hale', title: 'Financial Controller', department: 'Finance', seniority: MANAGER, influence: 2, interest: 1, stance: 'neutral', manager: 'p-cfo' },
  { id: 'p-fpa', name: 'Nadia Petrova', title: 'FP&A Manager', department: 'Finance', seniority: MANAGER, influence: 3, interest: 2, stance: 'neutral', manager: 'p-cfo' },
  { id: 'p-mkt-mgr', name: 'Carlos Mendes', title: 'Marketing Manager', department: 'Marketing', seniority: MANAGER, influence: 3, interest: 2, stance: 'neutral', manager: 'p-vp-marketing' },
  { id: 'p-hrbp', name: 'Emma Walsh', title: 'HR Business Partner', department: 'People', seniority: MANAGER, influence: 3, interest: 3, stance: 'supporter', notes: 'Good person to ask about the promotion calendar.', manager: 'p-vp-people' },

  { id: 'p-ae-1', name: 'Ben Carter', title: 'Account Executive', department: 'Sales', seniority: IC, influence: 2, interest: 1, stance: 'unknown', manager: 'p-sales-emea' },
  { id: 'p-ae-2', name: 'Chloe Dubois', title: 'Account Executive', department: 'Sales', seniority: IC, influence: 2, interest: 2, stance: 'neutral', manager: 'p-sales-emea' },
  { id: 'p-sales-eng', name: 'Ravi Patel', title: 'Sales Engineer', department: 'Sales', seniority: IC, influence: 3, interest: 4, stance: 'supporter', tags: ['connector'], notes: 'Knows the platform well from customer demos; sits between Sales and Engineering.', manager: 'p-sales-emea' },
  { id: 'p-ae-3', name: 'Hannah Scott', title: 'Account Executive', department: 'Sales', seniority: IC, influence: 2, interest: 1, stance: 'unknown', manager: 'p-sales-na' },
  { id: 'p-ae-4', name: 'Omar Haddad', title: 'Account Executive', department: 'Sales', seniority: IC, influence: 2, interest: 2, stance: 'neutral', manager: 'p-sales-na' },
  { id: 'p-me', name: 'Alex Morgan', title: 'Software Engineer', department: 'Engineering', seniority: IC, influence: 2, interest: 5, stance: 'champion', tags: ['me'], notes: 'That is me. Goal: lead the reliability programme next year.', manager: 'p-eng-platform' },
  { id: 'p-eng-sara', name: 'Sara Nilsson', title: 'Senior Software Engineer', department: 'Engineering', seniority: IC, influence: 4, interest: 4, stance: 'champion', tags: ['mentor', 'long tenure'], notes: 'Built the first platform with Priya; Priya still asks her opinion on architecture.', manager: 'p-eng-platform' },
  { id: 'p-eng-kwame', name: 'Kwame Asante', title: 'Software Engineer', department: 'Engineering', seniority: IC, influence: 2, interest: 3, stance: 'supporter', manager: 'p-eng-platform' },
  { id: 'p-eng-lena', name: 'Lena Fischer', title: 'Site Reliability Engineer', department: 'Engineering', seniority: IC, influence: 2, interest: 4, stance: 'supporter', manager: 'p-eng-platform' },
  { id: 'p-eng-diego', name: 'Diego Alvarez', title: 'Software Engineer', department: 'Engineering', seniority: IC, influence: 2, interest: 2, stance: 'neutral', manager: 'p-eng-product' },
  { id: 'p-eng-hana', name: 'Hana Kim', title: 'Frontend Engineer', department: 'Engineering', seniority: IC, influence: 2, interest: 3, stance: 'supporter', manager: 'p-eng-product' },
  { id: 'p-eng-tariq', name: 'Tariq Aziz', title: 'Software Engineer', department: 'Engineering', seniority: IC, influence: 2, interest: 2, stance: 'unknown', tags: ['new hire'], manager: 'p-eng-product' },
  { id: 'p-pm', name: 'Zoe Turner', title: 'Product Manager', department: 'Engineering', seniority: IC, influence: 3, interest: 3, stance: 'neutral', manager: 'p-product-lead' },
  { id: 'p-accountant', name: 'Irene Costa', title: 'Accountant', department: 'Finance', seniority: IC, influence: 1, interest: 1, stance: 'unknown', manager: 'p-controller' },
  { id: 'p-analyst', name: 'Victor Lam', title: 'Financial Analyst', department: 'Finance', seniority: IC, influence: 3, interest: 2, stance: 'neutral', tags: ['connector'], notes: 'Prices the large deals with Sales; the CFO relies on his numbers.', manager: 'p-fpa' },
  { id: 'p-mkt-content', name: 'Julia Novak', title: 'Content Marketing Specialist', department: 'Marketing', seniority: IC, influence: 2, interest: 2, stance: 'unknown', manager: 'p-mkt-mgr' },
  { id: 'p-mkt-product', name: 'Sam Okoro', title: 'Product Marketing Manager', department: 'Marketing', seniority: IC, influence: 3, interest: 3, stance: 'supporter', tags: ['connector'], notes: 'Works with Product on every launch.', manager: 'p-mkt-mgr' },
  { id: 'p-mkt-events', name: 'Ella Byrne', title: 'Events Coordinator', department: 'Marketing', seniority: IC, influence: 1, interest: 1, stance: 'unknown', manager: 'p-mkt-mgr' },
  { id: 'p-recruiter', name: 'Maya Cohen', title: 'Technical Recruiter', department: 'People', seniority: IC, influence: 2, interest: 2, stance: 'neutral', manager: 'p-hrbp' },
  { id: 'p-learning', name: 'Noah Fitzgerald', title: 'Learning & Development Lead', department: 'People', seniority: IC, influence: 2, interest: 3, stance: 'supporter', manager: 'p-hrbp' },
  { id: 'p-cust-success', name: 'Fatima Zahra', title: 'Customer Success Manager', department: 'Sales', seniority: IC, influence: 2, interest: 3, stance: 'neutral', manager: 'p-sales-na' },
];

type TieSpec = [source: string, target: string, kind: Exclude<TieKind, 'reports-to'>, strength: Strength, mutual?: boolean, note?: string];

/** The informal picture. Trust and tension are mutual unless marked otherwise. */
const TIES: TieSpec[] = [
  // Around the CEO: the chief of staff and the CFO are the inner circle.
  ['p-cos', 'p-ceo', 'influence', 3],
  ['p-ceo', 'p-cos', 'trust', 3, true],
  ['p-cfo', 'p-ceo', 'influence', 3],
  ['p-cto', 'p-ceo', 'influence', 2],
  ['p-cfo', 'p-cos', 'trust', 2, false],
  ['p-vp-people', 'p-ceo', 'influence', 1],
  ['p-ceo', 'p-vp-people', 'trust', 2, true],
  ['p-vp-sales', 'p-ceo', 'influence', 2],
  ['p-cos', 'p-vp-marketing', 'trust', 1, true],
  ['p-cos', 'p-mkt-product', 'trust', 2, true],
  ['p-cos', 'p-vp-sales', 'influence', 2],
  ['p-cos', 'p-cfo', 'influence', 2],
  // The executives steer their own teams.
  ['p-ceo', 'p-cto', 'influence', 2],
  ['p-ceo', 'p-cfo', 'influence', 2],
  ['p-ceo', 'p-cos', 'influence', 2],
  ['p-cto', 'p-eng-platform', 'influence', 2],
  ['p-cfo', 'p-fpa', 'influence', 2],
  ['p-cto', 'p-vp-eng', 'influence', 1],
  ['p-vp-people', 'p-hrbp', 'influence', 2],
  ['p-vp-sales', 'p-sales-na', 'influence', 2],
  // Engineering: the CTO goes straight to Sara; the VP is bypassed.
  ['p-eng-sara', 'p-cto', 'influence', 3],
  ['p-cto', 'p-eng-sara', 'trust', 3, true],
  ['p-product-lead', 'p-cto', 'influence', 3],
  ['p-staff-eng', 'p-cto', 'influence', 2],
  ['p-vp-eng', 'p-eng-platform', 'influence', 1],
  ['p-eng-platform', 'p-eng-sara', 'trust', 3, true],
  ['p-staff-eng', 'p-eng-sara', 'trust', 2, true],
  ['p-eng-sara', 'p-eng-kwame', 'influence', 2],
  ['p-eng-sara', 'p-eng-lena', 'influence', 2],
  ['p-eng-product', 'p-eng-diego', 'influence', 2],
  ['p-eng-product', 'p-eng-tariq', 'influence', 1],
  ['p-eng-hana', 'p-eng-diego', 'trust', 2, true],
  ['p-eng-hana', 'p-pm', 'trust', 2, true],
  ['p-pm', 'p-product-lead', 'trust', 3, true],
  ['p-pm', 'p-eng-product', 'influence', 2],
  ['p-staff-eng', 'p-eng-lena', 'trust', 1, true],
  // Me: a tight circle in Platform, a friend in Sales from a customer incident, one strained tie.
  ['p-me', 'p-eng-sara', 'trust', 3, true],
  ['p-me', 'p-eng-kwame', 'trust', 2, true],
  ['p-me', 'p-eng-lena', 'trust', 2, true],
  ['p-eng-platform', 'p-me', 'influence', 2],
  ['p-me', 'p-sales-eng', 'trust', 2, true],
  ['p-me', 'p-eng-hana', 'trust', 1, true],
  // Ravi, the sales engineer, bridges Sales and Engineering.
  ['p-sales-eng', 'p-eng-kwame', 'trust', 2, true],
  ['p-sales-eng', 'p-vp-sales', 'influence', 3],
  ['p-vp-sales', 'p-sales-eng', 'trust', 2, false],
  ['p-sales-eng', 'p-sales-emea', 'influence', 2],
  ['p-sales-eng', 'p-ae-1', 'influence', 2],
  ['p-sales-eng', 'p-ae-3', 'influence', 1],
  ['p-sales-eng', 'p-vp-eng', 'influence', 1],
  ['p-sales-emea', 'p-ae-2', 'influence', 2],
  ['p-ae-1', 'p-ae-2', 'trust', 2, true],
  ['p-sales-na', 'p-ae-3', 'influence', 2],
  ['p-sales-na', 'p-ae-4', 'influence', 2],
  ['p-sales-na', 'p-cust-success', 'trust', 2, true],
  ['p-sales-ops', 'p-vp-sales', 'influence', 1],
  ['p-sales-ops', 'p-sales-na', 'trust', 1, true],
  // Victor, the financial analyst, bridges Finance and Sales.
  ['p-analyst', 'p-cfo', 'influence', 3],
  ['p-cfo', 'p-analyst', 'trust', 2, true],
  ['p-analyst', 'p-vp-sales', 'influence', 2],
  ['p-analyst', 'p-sales-na', 'trust', 2, true],
  ['p-analyst', 'p-sales-ops', 'trust', 1, true],
  ['p-fpa', 'p-analyst', 'influence', 2],
  ['p-controller', 'p-accountant', 'influence', 2],
  ['p-controller', 'p-cfo', 'influence', 1],
  ['p-fpa', 'p-controller', 'trust', 2, true],
  // Sam, the product marketer, bridges Marketing and Product.
  ['p-mkt-product', 'p-product-lead', 'influence', 2],
  ['p-pm', 'p-mkt-product', 'trust', 3, true],
  ['p-mkt-product', 'p-mkt-mgr', 'influence', 2],
  ['p-mkt-product', 'p-mkt-content', 'trust', 2, true],
  ['p-mkt-product', 'p-sales-na', 'influence', 1],
  ['p-mkt-mgr', 'p-mkt-content', 'influence', 2],
  ['p-mkt-mgr', 'p-mkt-events', 'influence', 2],
  ['p-mkt-content', 'p-mkt-events', 'trust', 1, true],
  ['p-mkt-mgr', 'p-vp-marketing', 'influence', 1],
  // People team: Emma advises the VP Engineering on hiring, from outside his line.
  ['p-hrbp', 'p-vp-eng', 'influence', 2],
  ['p-vp-people', 'p-hrbp', 'trust', 2, true],
  ['p-hrbp', 'p-recruiter', 'influence', 2],
  ['p-recruiter', 'p-staff-eng', 'trust', 1, true],
  ['p-learning', 'p-hrbp', 'trust', 2, true],
  ['p-learning', 'p-eng-platform', 'trust', 1, true],
  // Strained relationships: never paths, never support.
  ['p-vp-sales', 'p-vp-eng', 'tension', 2, true, 'Ask Olivia to set up a joint roadmap review.'],
  ['p-cfo', 'p-vp-marketing', 'tension', 1, true, 'Share the campaign ROI numbers before the budget round.'],
  ['p-me', 'p-eng-product', 'tension', 1, true, 'Coffee to reset after the on-call discussion.'],
  ['p-sales-emea', 'p-sales-na', 'tension', 1, true, ''],
];

/**
 * Compact org-chart layout: each manager centred above their reports; a manager whose reports
 * are all individual contributors gets them stacked in one column below, so the chart stays
 * about as tall as it is wide and reads at a glance.
 */
const SLOT_WIDTH = 250;
const ROW_HEIGHT = 150;
const STACK_STEP = 96;
const STACK_INDENT = 26;

function layout(specs: PersonSpec[]): Map<string, { x: number; y: number }> {
  const reports = new Map<string, PersonSpec[]>();
  for (const p of specs) if (p.manager) reports.set(p.manager, [...(reports.get(p.manager) ?? []), p]);
  const isLeaf = (p: PersonSpec) => !reports.has(p.id);
  const columns = (p: PersonSpec): number => {
    const children = reports.get(p.id) ?? [];
    if (children.length === 0 || children.every(isLeaf)) return 1;
    return children.reduce((sum, c) => sum + columns(c), 0);
  };
  const positions = new Map<string, { x: number; y: number }>();
  const put = (p: PersonSpec, cx: number, y: number) => positions.set(p.id, { x: Math.round(cx - nodeWidth(p.influence) / 2), y });
  const place = (p: PersonSpec, column: number, y: number) => {
    const children = reports.get(p.id) ?? [];
    const span = columns(p);
    const cx = (column + span / 2) * SLOT_WIDTH;
    put(p, cx, y);
    if (children.length === 0) return;
    if (children.every(isLeaf)) {
      children.forEach((c, i) => put(c, cx + STACK_INDENT, y + ROW_HEIGHT + i * STACK_STEP));
      return;
    }
    let next = column;
    for (const c of children) {
      place(c, next, y + ROW_HEIGHT);
      next += columns(c);
    }
  };
  let column = 0;
  for (const root of specs.filter((p) => !p.manager)) {
    place(root, column, 0);
    column += columns(root);
  }
  return positions;
}

function emailFor(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z ]/g, '').trim().replace(/\s+/g, '.')}@example.com`;
}

export function createSampleOrganisation(now: number = Date.now()): MapDocument {
  const positions = layout(PEOPLE);
  const stakeholders: Stakeholder[] = PEOPLE.map((p) =>
    createStakeholder({
      id: p.id,
      name: p.name,
      title: p.title,
      department: p.department,
      seniority: p.seniority,
      influence: p.influence,
      interest: p.interest,
      stance: p.stance,
      tags: p.tags ?? [],
      notes: p.notes ?? '',
      email: emailFor(p.name),
      ...positions.get(p.id)!,
    }),
  );
  const short = (id: string) => id.replace(/^p-/, '');
  const ties: Tie[] = [
    ...PEOPLE.filter((p) => p.manager).map((p) => createTie(p.id, p.manager!, 'reports-to', { id: `t-reports-${short(p.id)}`, strength: 2 })),
    ...TIES.map(([source, target, kind, strength, mutual, note]) =>
      createTie(source, target, kind, {
        id: `t-${kind}-${short(source)}-${short(target)}`,
        strength,
        mutual: mutual ?? kind !== 'influence',
        note: note ?? '',
      }),
    ),
  ];
  const map = { ...createMapMeta('Sample organisation', now), meId: 'p-me' };
  return documentFrom(map, stakeholders, ties);
}
