import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyContacts, contactsToNewMap, defaultAction, planContacts, CONNECTED_REF } from '../../../src/domain/contacts-import';
import { createMapDocument, createStakeholder } from '../../../src/domain/factories';
import { parseConnectedOn, parseLinkedinConnections } from '../../../src/io/linkedin';
import { parseVcards } from '../../../src/io/vcard';

const FIXTURES = join(__dirname, '../../fixtures/personal');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('LinkedIn Connections.csv', () => {
  it('reads past the notes preamble, with quoted commas, quotes and line breaks, and keeps file line numbers', () => {
    const r = parseLinkedinConnections(read('Connections.csv'), 'Connections.csv');
    if (!r.ok) throw new Error(r.error);
    expect(r.records.map((c) => c.name)).toEqual(['Priya Natarajan', 'José García', 'Alex Kim', 'Mei Chen', 'Tom Berg']);
    const [priya, jose, alex, mei, tom] = r.records;
    expect(priya).toMatchObject({ line: 5, title: 'VP Engineering', company: 'Acme Corp', emails: ['priya.n@acme.example'], linkedinUrl: 'https://www.linkedin.com/in/priya-natarajan-4b1a2', connectedOn: '2023-03-14' });
    expect(jose).toMatchObject({ line: 6, company: 'Globex, Inc.', title: 'Head of Sales, EMEA', emails: [], connectedOn: '2024-01-02' });
    expect(alex.title).toBe('Staff Engineer\nPlatform "Core" team');
    expect(mei).toMatchObject({ line: 9, connectedOn: null, title: '' });
    expect(tom.line).toBe(10);
    expect(r.problems).toEqual(['"Connections.csv", line 10 ("Tom Berg"): "Connected On" "not a date" is not a date; not logged.']);
  });

  it('refuses a file without the header, naming the file', () => {
    const r = parseLinkedinConnections('Notes:\nsomething\n\nName,Mail\nA,b@c.d\n', 'contacts.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^"contacts.csv" is not LinkedIn's Connections.csv/);
  });

  it.each([
    ['15 Mar 2024', '2024-03-15'],
    ['1 Feb 2020', '2020-02-01'],
    ['2024-03-15', '2024-03-15'],
    ['31 Feb 2024', null],
    ['yesterday', null],
  ])('Connected On %s -> %s', (text, want) => expect(parseConnectedOn(text)).toBe(want));
});

describe('vCard', () => {
  it('reads 3.0 and 2.1 cards: folded lines, QUOTED-PRINTABLE with soft breaks, escapes, photo skipped', () => {
    const r = parseVcards(read('contacts-3.0.vcf'), 'contacts.vcf');
    if (!r.ok) throw new Error(r.error);
    expect(r.problems).toEqual([]);
    expect(JSON.stringify(r.records, null, 1)).toEqual(JSON.stringify([
      { line: 1, name: 'Priya Natarajan', title: 'VP Engineering', company: 'Acme Corp', emails: ['priya.n@acme.example', 'priya.natarajan@gmail.com'], phone: '+44 7700 900123', linkedinUrl: 'https://www.linkedin.com/in/priya-natarajan-4b1a2', connectedOn: null },
      { line: 17, name: 'José García', title: 'Head of Sales, EMEA and a very long title that goes on', company: 'Globex, Inc.', emails: ['jose.garcia@globex.example'], phone: '+34 600 000 000', linkedinUrl: '', connectedOn: null },
      { line: 27, name: 'Smith, Jr.; the escaped one', title: '', company: '', emails: [], phone: '', linkedinUrl: '', connectedOn: null },
    ], null, 1));
  });

  it('reads 4.0 cards: PREF, tel: URIs, X-SOCIALPROFILE, data: photo', () => {
    const r = parseVcards(read('contacts-4.0.vcf'), 'contacts.vcf');
    if (!r.ok) throw new Error(r.error);
    expect(r.records[0]).toMatchObject({ name: 'Alex Kim', emails: ['alex.kim@acme.example', 'alex.kim+news@gmail.com'], phone: '+1-555-555-0100', company: 'Acme Corp', title: 'Product Manager', linkedinUrl: 'https://www.linkedin.com/in/alexkim' });
    expect(r.records[1]).toMatchObject({ name: 'Zoë Ålund-Øster', emails: ['zoe@board.example'] });
  });

  it('says which line is wrong, and reads nothing from a broken file', () => {
    const cut = parseVcards('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n', 'a.vcf');
    expect(cut).toEqual({ ok: false, error: '"a.vcf": the card that starts on line 1 has no END:VCARD (the file may be cut short).' });
    const nested = parseVcards('BEGIN:VCARD\nFN:Ann\nBEGIN:VCARD\nFN:Bob\nEND:VCARD\n', 'a.vcf');
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.error).toContain('line 3');
    const odd = parseVcards('BEGIN:VCARD\nFN:Ann\nNOTE;ENCODING=UUENCODE:xyz\nEND:VCARD\n', 'a.vcf');
    expect(odd.ok && odd.problems).toEqual(['"a.vcf", line 3: NOTE has an encoding this app does not read ("uuencode"); ignored.']);
    const badFold = parseVcards('BEGIN:VCARD\nFN:Ann\nthis line lost its fold\nEND:VCARD\n', 'a.vcf');
    expect(badFold.ok && badFold.problems[0]).toMatch(/line 3: not a vCard property/);
    expect(parseVcards('hello', 'a.vcf')).toEqual({ ok: false, error: '"a.vcf", line 1: not a vCard (it should start with BEGIN:VCARD).' });
  });
});

describe('parsers never throw', () => {
  it('vCard and Connections.csv: a result or a clear error for any text', () => {
    const pieces = fc.constantFrom('BEGIN:VCARD', 'END:VCARD', 'FN:', 'N:a;b', 'EMAIL;ENCODING=QUOTED-PRINTABLE:a=', '=C3', ' ', '\r\n', '\n', ';', ':', '"', ',', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On', 'PHOTO;ENCODING=b:', '\\');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        for (const r of [parseVcards(text, 'x.vcf'), parseLinkedinConnections(text, 'x.csv')]) {
          if (r.ok) expect(Array.isArray(r.records)).toBe(true);
          else expect(r.error).toMatch(/"x\.(vcf|csv)"/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('importing contacts', () => {
  it('into a new map: stakeholders with title, company, URL, and "Connected on" as the first log entry', () => {
    const r = parseLinkedinConnections(read('Connections.csv'), 'Connections.csv');
    if (!r.ok) throw new Error(r.error);
    const doc = contactsToNewMap(r.records, 'LinkedIn', 0);
    const people = Object.values(doc.stakeholders);
    expect(people).toHaveLength(5);
    const priya = people.find((p) => p.name === 'Priya Natarajan')!;
    expect(priya).toMatchObject({ title: 'VP Engineering', company: 'Acme Corp', email: 'priya.n@acme.example', linkedinUrl: 'https://www.linkedin.com/in/priya-natarajan-4b1a2' });
    expect(priya.interactions).toEqual([expect.objectContaining({ date: '2023-03-14', kind: 'other', note: 'Connected on LinkedIn', ref: CONNECTED_REF })]);
    expect(new Set(people.map((p) => `${p.x},${p.y}`)).size).toBe(5);
  });

  it('into the open map: matched by e-mail, URL or name; namesakes kept apart; unsure left for the user; nothing typed is overwritten', () => {
    const doc = createMapDocument('Work', 0);
    const people = [
      createStakeholder({ id: 'priya', name: 'P. Natarajan', title: 'VP Eng (typed)', email: 'priya.n@acme.example' }),
      createStakeholder({ id: 'jose', name: 'Jose Garcia', email: '' }),
      createStakeholder({ id: 'alex', name: 'Alex Kim', email: 'alex.kim@acme.example' }),
      createStakeholder({ id: 'mei1', name: 'Mei Chen' }),
      createStakeholder({ id: 'mei2', name: 'Mei Chen' }),
    ];
    for (const p of people) doc.stakeholders[p.id] = p;
    const r = parseLinkedinConnections(read('Connections.csv'), 'Connections.csv');
    if (!r.ok) throw new Error(r.error);
    const rows = planContacts(Object.values(doc.stakeholders), r.records);
    expect(rows.map((row) => row.match.kind)).toEqual(['sure', 'sure', 'none', 'unsure', 'none']);
    expect(rows[2].match).toEqual({ kind: 'none', namesakes: ['alex'] });
    const actions = rows.map(defaultAction);
    expect(actions.map((a) => a.action)).toEqual(['update', 'update', 'add', 'skip', 'add']);
    const out = applyContacts(doc, rows, actions);
    expect(out.added).toHaveLength(2);
    expect(out.updated).toEqual(['priya', 'jose']);
    expect(out.doc.stakeholders.priya).toMatchObject({ title: 'VP Eng (typed)', company: 'Acme Corp', linkedinUrl: 'https://www.linkedin.com/in/priya-natarajan-4b1a2' });
    expect(out.doc.stakeholders.jose).toMatchObject({ title: 'Head of Sales, EMEA', company: 'Globex, Inc.' });
    // The skipped and untouched people are the same objects (one undo step, small save).
    expect(out.doc.stakeholders.mei1).toBe(doc.stakeholders.mei1);
    expect(out.doc.stakeholders.alex).toBe(doc.stakeholders.alex);
    // Importing the same file again logs "Connected on" once.
    const again = applyContacts(out.doc, planContacts(Object.values(out.doc.stakeholders), r.records), rows.map(() => ({ action: 'skip' as const })));
    expect(again.doc).toBe(out.doc);
    const twice = planContacts(Object.values(out.doc.stakeholders), r.records);
    const second = applyContacts(out.doc, twice, twice.map(defaultAction));
    expect(second.doc.stakeholders.priya.interactions.filter((i) => i.ref === CONNECTED_REF)).toHaveLength(1);
    expect(second.added).toEqual([]);
  });
});
