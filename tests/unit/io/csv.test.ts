import { describe, expect, it } from 'vitest';
import { addTiesFromCsv, exportPeopleCsv, exportTiesCsv, importPeopleCsv, neutraliseCell, parseCsvTable, restoreCell } from '../../../src/io/csv';
import type { CsvTable } from '../../../src/io/csv';
import { carried, carriedTies, sampleDoc } from './helpers';

function table(text: string): CsvTable {
  const parsed = parseCsvTable(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.table;
}

describe('people and ties CSV', () => {
  it('round-trips what the format carries', () => {
    const doc = sampleDoc();
    const people = importPeopleCsv(table(exportPeopleCsv(doc)));
    if (!people.ok) throw new Error(people.error);
    expect(people.problems).toEqual([]);
    expect(carried(people.doc)).toEqual(carried(doc));
    const ties = addTiesFromCsv(people.doc, table(exportTiesCsv(doc)));
    if (!('doc' in ties)) throw new Error(ties.error);
    expect(ties.problems).toEqual([]);
    expect(carriedTies(ties.doc)).toEqual(carriedTies(doc));
  });

  it('neutralises formula injection in text cells, not in numbers', () => {
    const csv = exportPeopleCsv(sampleDoc());
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("'+Sales & <Marketing>");
    expect(csv).toContain("'@risk;-minus");
    expect(csv).toMatch(/,-350\.5,220\.25,/);
    expect(csv).not.toMatch(/(^|,)=/m);
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'plain', "'quoted"]) expect(restoreCell(neutraliseCell(cell))).toBe(cell);
  });

  it('reports a missing name column', () => {
    expect(importPeopleCsv(table('title,department\nCEO,Board\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/Missing required column "name"/) });
  });

  it('reports bad values and duplicate ids by row, and keeps the good rows', () => {
    const result = importPeopleCsv(table('id,name,influence,stance,seniority,next_follow_up\na,Ann,9,friendly,Boss,31/12/2025\na,Again,3,,,\n,,,,,\nb,Bob,4,Supporter,Manager,2025-01-01\n'));
    if (!result.ok) throw new Error(result.error);
    expect(Object.values(result.doc.stakeholders).map((s) => s.name)).toEqual(['Ann', 'Bob']);
    const text = result.problems.join('\n');
    expect(text).toMatch(/Row 2 \("Ann"\): influence "9" is not a whole number from 1 to 5/);
    expect(text).toMatch(/Row 2 \("Ann"\): stance "friendly"/);
    expect(text).toMatch(/Row 2 \("Ann"\): seniority "Boss" is not one of/);
    expect(text).toMatch(/Row 2 \("Ann"\): next_follow_up "31\/12\/2025"/);
    expect(text).toMatch(/Row 3: the id "a" was already used on row 2; skipped/);
    expect(result.skipped).toHaveLength(1);
    expect(result.doc.stakeholders.b).toMatchObject({ stance: 'supporter', seniority: 2, influence: 4 });
  });

  it('lays out people that have no position', () => {
    const result = importPeopleCsv(table('name\nA\nB\nC\n'));
    if (!result.ok) throw new Error(result.error);
    const positions = Object.values(result.doc.stakeholders).map((s) => `${s.x},${s.y}`);
    expect(new Set(positions).size).toBe(3);
  });

  it('reads semicolon-separated files and keeps HTML literally', () => {
    const result = importPeopleCsv(table('name;title\n<b>Bold</b>;<script>x</script>\n'));
    if (!result.ok) throw new Error(result.error);
    expect(Object.values(result.doc.stakeholders)[0]).toMatchObject({ name: '<b>Bold</b>', title: '<script>x</script>' });
  });

  it('adds ties by id, e-mail or unique name and reports the rest by row', () => {
    const base = sampleDoc();
    const doc = { ...base, ties: {} };
    const result = addTiesFromCsv(doc, table('from,to,kind,strength,direction\nme@example.com,CEO nobody,influence,3,one-way\nMe Myself,zoe@example.com,influence,strong,\np-ceo,p-ceo,trust,,\np-me,p-ceo,friendship,,\np-me,p-ceo,influence,2,\n"O\'Brien, Pat",p-me,,7,sideways\n'));
    if (!('doc' in result)) throw new Error(result.error);
    const text = result.problems.join('\n');
    expect(text).toMatch(/Row 2: "to" "CEO nobody" matches nobody in the file; skipped/);
    expect(text).toMatch(/Row 4: a tie cannot join a person to themselves/);
    // A kind the map does not have becomes one of its own, shown only until the user says what it counts as.
    expect(text).toMatch(/Row 5: kind "friendship" is new to this map; added as a kind of its own \(shown only/);
    expect(text).toMatch(/Row 6: there is already an influence tie/);
    expect(text).toMatch(/Row 7: strength "7" is not 1, 2 or 3/);
    expect(text).toMatch(/Row 7: direction "sideways"/);
    expect(result.added).toBe(3);
    expect(result.doc.map.settings.tieKinds?.map((k) => [k.name, k.meaning])).toEqual([['friendship', 'shown']]);
    const ties = Object.values(result.doc.ties);
    expect(ties.find((t) => t.kind === 'influence')).toMatchObject({ source: 'p-me', target: 'p-ceo', strength: 3, mutual: false });
    expect(ties.find((t) => t.kind === 'trust')).toMatchObject({ source: 'p-neutral', target: 'p-me', mutual: true, strength: 2 });
  });

  it('reports a name that two people share', () => {
    const base = sampleDoc();
    base.stakeholders['p-ceo'] = { ...base.stakeholders['p-ceo'], name: 'Me Myself', email: '' };
    const result = addTiesFromCsv(base, table('from,to\nMe Myself,p-evil\n'));
    if (!('doc' in result)) throw new Error(result.error);
    expect(result.problems[0]).toMatch(/matches 2 people with that name/);
  });

  it('requires from and to columns', () => {
    expect(addTiesFromCsv(sampleDoc(), table('a,b\n1,2\n'))).toMatchObject({ ok: false, error: expect.stringMatching(/Missing required column "from" and "to"/) });
  });

  it('renames duplicate headers instead of losing a column', () => {
    const t = table('name,name\nA,B\n');
    expect(t.headers).toEqual(['name', 'name (2)']);
    expect(t.problems[0]).toMatch(/appears 2 times/);
  });
});
