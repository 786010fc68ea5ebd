import { describe, expect, it } from 'vitest';
import { nodeWidth } from '../../../src/domain/defaults';
import type { MapDocument } from '../../../src/domain/types';
import { parseCsvTable } from '../../../src/io/csv';
import { buildOrgChart, guessColumns } from '../../../src/io/org-chart-csv';

function rows(text: string) {
  const parsed = parseCsvTable(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.table;
}

function byName(doc: MapDocument, name: string) {
  const s = Object.values(doc.stakeholders).find((p) => p.name === name);
  if (!s) throw new Error(`no ${name}`);
  return s;
}

function managerOf(doc: MapDocument, name: string): string | null {
  const s = byName(doc, name);
  const tie = Object.values(doc.ties).find((t) => t.kind === 'reports-to' && t.source === s.id);
  return tie ? doc.stakeholders[tie.target].name : null;
}

describe('guessColumns', () => {
  it.each([
    [['Full name', 'Job title', 'Dept', 'Reports to', 'Email', 'Level'], { name: 'Full name', title: 'Job title', department: 'Dept', manager: 'Reports to', key: 'Email', seniority: 'Level' }],
    [['Employee ID', 'Employee name', 'Position', 'Team', 'Manager ID', 'Grade'], { name: 'Employee name', title: 'Position', department: 'Team', manager: 'Manager ID', key: 'Employee ID', seniority: 'Grade' }],
    [['Name', 'Manager', 'Title', 'Department'], { name: 'Name', manager: 'Manager', title: 'Title', department: 'Department', key: null, seniority: null }],
    [['ID', 'Email', 'Name', 'Manager email'], { name: 'Name', manager: 'Manager email', key: 'Email', title: null, department: null, seniority: null }],
    [['Manager name', 'Employee', 'Role'], { name: 'Employee', manager: 'Manager name', title: 'Role', key: null, department: null, seniority: null }],
    [['Colour', 'Shoe size'], { name: null, manager: null, title: null, key: null, department: null, seniority: null }],
  ])('%j', (headers, expected) => {
    expect(guessColumns(headers)).toEqual(expected);
  });
});

describe('buildOrgChart', () => {
  const csv = 'Employee ID,Full name,Job title,Dept,Manager\nE1,Ada King,CEO,Board,\nE2,Ben Ray,CTO,Engineering,E1\nE3,Cy Tan,Engineer,Engineering,ben.ray@x.com\nE4,Di Lu,Engineer,Engineering,Ben Ray\nE5,Ed Fox,CFO,Finance,e1\n';

  it('finds managers by id, e-mail or unique name and makes reports-to ties', () => {
    const table = rows(csv.replace('E2,Ben Ray', 'ben.ray@x.com,Ben Ray').replace(',E1\nE3', ',E1\nE3'));
    const mapping = guessColumns(table.headers);
    const { doc, problems, skipped } = buildOrgChart(table.rows, mapping);
    expect(problems).toEqual([]);
    expect(skipped).toEqual([]);
    expect(managerOf(doc, 'Ben Ray')).toBe('Ada King');
    expect(managerOf(doc, 'Cy Tan')).toBe('Ben Ray');
    expect(managerOf(doc, 'Di Lu')).toBe('Ben Ray');
    expect(managerOf(doc, 'Ed Fox')).toBe('Ada King');
    expect(managerOf(doc, 'Ada King')).toBeNull();
    expect(Object.values(doc.ties).every((t) => t.kind === 'reports-to' && !t.mutual)).toBe(true);
  });

  it('left unplaced (the import worker lays a large chart out itself), infers the same levels and makes the same ties', () => {
    const table = rows('name,manager\nA,\nB,A\nC,B\nD,C\nE,D\nF,E\nG,A\nH,G\nLoner,\n');
    const placed = buildOrgChart(table.rows, guessColumns(table.headers)).doc;
    const unplaced = buildOrgChart(table.rows, guessColumns(table.headers), { place: false }).doc;
    const levels = (doc: MapDocument) => Object.values(doc.stakeholders).map((p) => `${p.name}:${p.seniority}`).sort();
    expect(levels(unplaced)).toEqual(levels(placed));
    expect(Object.values(unplaced.stakeholders).every((p) => p.x === 0 && p.y === 0)).toBe(true);
    expect(Object.values(unplaced.ties).map((t) => `${unplaced.stakeholders[t.source].name}>${unplaced.stakeholders[t.target].name}`).sort()).toEqual(['B>A', 'C>B', 'D>C', 'E>D', 'F>E', 'G>A', 'H>G']);
  });

  it('infers seniority from depth, clamped to the levels', () => {
    const table = rows('name,manager\nA,\nB,A\nC,B\nD,C\nE,D\nF,E\nLoner,\n');
    const { doc } = buildOrgChart(table.rows, guessColumns(table.headers));
    const level = (n: string) => byName(doc, n).seniority;
    expect([level('A'), level('B'), level('C'), level('D'), level('E'), level('F')]).toEqual([0, 1, 2, 2, 2, 3]);
    expect(level('Loner')).toBe(3);
    const custom = buildOrgChart(table.rows, guessColumns(table.headers), { levels: ['Top', 'Rest'] }).doc;
    expect(Object.values(custom.stakeholders).every((s) => s.seniority <= 1)).toBe(true);
  });

  it('takes seniority from a column when it names a level', () => {
    const table = rows('name,manager,level\nA,,Executive\nB,A,individual contributor\nC,A,Grade 7\n');
    const { doc, problems } = buildOrgChart(table.rows, guessColumns(table.headers));
    expect(byName(doc, 'B').seniority).toBe(3);
    expect(byName(doc, 'C').seniority).toBe(1);
    expect(problems.join()).toMatch(/1 row had a seniority that matches none of the levels.*"Grade 7"/);
  });

  it('reports self-managers, unknown and ambiguous managers, duplicate ids and nameless rows', () => {
    const table = rows('id,name,manager\n1,Ann,1\n2,Bob,Zed\n3,Sam,\n4,Sam,\n5,Tom,Sam\n5,Tim,\n,,3\n');
    const { doc, problems, skipped } = buildOrgChart(table.rows, guessColumns(table.headers));
    const text = problems.join('\n');
    expect(text).toMatch(/Row 2 \("Ann"\) is listed as their own manager/);
    expect(text).toMatch(/Row 3 \("Bob"\): manager "Zed" matches nobody in the file/);
    expect(text).toMatch(/Row 6 \("Tom"\): manager "Sam" matches 2 people/);
    expect(text).toMatch(/Row 7 \("Tim"\): the Email\/ID "5" was already used on row 6; skipped/);
    expect(text).toMatch(/Row 8: no name and no Email\/ID; skipped/);
    expect(skipped.map((s) => s.row)).toEqual([7, 8]);
    expect(Object.keys(doc.stakeholders)).toHaveLength(5);
    expect(Object.keys(doc.ties)).toHaveLength(0);
  });

  it('breaks manager cycles and says which link it dropped', () => {
    const table = rows('name,manager\nA,B\nB,A\nC,D\nD,E\nE,C\nF,C\n');
    const { doc, problems } = buildOrgChart(table.rows, guessColumns(table.headers));
    expect(problems.filter((p) => p.startsWith('Manager cycle'))).toEqual([
      "Manager cycle: A → B → A (rows 2, 3). A's link to B was dropped.",
      "Manager cycle: C → D → E → C (rows 4, 5, 6). C's link to D was dropped.",
    ]);
    expect(managerOf(doc, 'A')).toBeNull();
    expect(managerOf(doc, 'B')).toBe('A');
    expect(managerOf(doc, 'F')).toBe('C');
    expect(Object.keys(doc.ties)).toHaveLength(4);
  });

  it('lays out top-down with managers centred over reports and no overlaps', () => {
    const lines = ['name,manager', 'Boss,'];
    for (let i = 0; i < 4; i++) {
      lines.push(`M${i},Boss`);
      for (let j = 0; j < i + 1; j++) lines.push(`M${i}-${j},M${i}`);
    }
    const table = rows(lines.join('\n'));
    const { doc } = buildOrgChart(table.rows, guessColumns(table.headers));
    const people = Object.values(doc.stakeholders);
    for (const t of Object.values(doc.ties)) {
      const child = doc.stakeholders[t.source];
      const boss = doc.stakeholders[t.target];
      expect(child.y).toBeGreaterThan(boss.y);
    }
    for (let i = 0; i < 4; i++) {
      const m = byName(doc, `M${i}`);
      const kids = people.filter((p) => p.name.startsWith(`M${i}-`));
      const centres = kids.map((k) => k.x + nodeWidth(k.influence) / 2);
      expect(m.x + nodeWidth(m.influence) / 2).toBeCloseTo((Math.min(...centres) + Math.max(...centres)) / 2);
    }
    for (const a of people) for (const b of people) {
      if (a === b) continue;
      const overlap = a.x < b.x + nodeWidth(b.influence) && b.x < a.x + nodeWidth(a.influence) && a.y < b.y + 90 && b.y < a.y + 90;
      expect(overlap, `${a.name} / ${b.name}`).toBe(false);
    }
  });

  it('accepts plain header-keyed rows and a missing name mapping', () => {
    expect(buildOrgChart([{ Who: 'A' }], { name: 'Who' }).doc.stakeholders).not.toEqual({});
    expect(buildOrgChart([{ Who: 'A' }], {}).problems[0]).toMatch(/Choose the column/);
  });

  it('builds a 5,000-person chart (timed in npm run bench)', () => {
    const lines = ['id,name,manager'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},Person ${i},${i === 0 ? '' : Math.floor((i - 1) / 6)}`);
    const table = rows(lines.join('\n'));
    const { doc, problems } = buildOrgChart(table.rows, guessColumns(table.headers));
    expect(problems).toEqual([]);
    expect(Object.keys(doc.ties)).toHaveLength(4999);
  });
});
