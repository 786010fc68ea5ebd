import { describe, expect, it } from 'vitest';
import { withContact } from '../../../src/domain/contact';
import { searchPeople } from '../../../src/domain/search';
import type { MapDocument, Stakeholder } from '../../../src/domain/types';
import { exportPeopleCsv, importPeopleCsv, parseCsvTable } from '../../../src/io/csv';
import { exportGexf, importGexf } from '../../../src/io/gexf';
import { exportGraphml, importGraphml } from '../../../src/io/graphml';
import { exportMapJson, readMapJson, redactDocument } from '../../../src/io/map-file';
import { sampleDoc } from './helpers';

/** The sample map with contact fields on two people, one of them with awkward text. */
function contactDoc(): MapDocument {
  const doc = sampleDoc();
  doc.stakeholders['p-ceo'] = withContact(doc.stakeholders['p-ceo'], {
    otherEmails: ['zoe.alund@gmail.com', 'z.oster@board.example'],
    phone: '+44 (0)20 7946 0958',
    company: 'Ålund & Øster <Holdings>',
    linkedinUrl: 'https://www.linkedin.com/in/zoe-alund?x=1&y=2',
  });
  doc.stakeholders['p-evil'] = withContact(doc.stakeholders['p-evil'], { phone: '=1+2', company: '@SUM(A1)', linkedinUrl: '', otherEmails: [] });
  return doc;
}

const contact = (doc: MapDocument) =>
  Object.values(doc.stakeholders)
    .map((s: Stakeholder) => ({ id: s.id, otherEmails: s.otherEmails ?? [], phone: s.phone ?? '', company: s.company ?? '', linkedinUrl: s.linkedinUrl ?? '' }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('contact fields', () => {
  it('withContact drops empty values instead of storing empty strings', () => {
    const s = contactDoc().stakeholders['p-evil'];
    expect(Object.hasOwn(s, 'linkedinUrl')).toBe(false);
    expect(Object.hasOwn(s, 'otherEmails')).toBe(false);
    expect(s.phone).toBe('=1+2');
  });

  it('round-trip through JSON', () => {
    const doc = contactDoc();
    const back = readMapJson(exportMapJson(doc));
    if (!back.ok) throw new Error(back.error);
    expect(contact(back.doc)).toEqual(contact(doc));
  });

  it('round-trip through CSV, with the formula guard on contact cells', () => {
    const doc = contactDoc();
    const csv = exportPeopleCsv(doc);
    expect(csv.split('\r\n')[0]).toContain('other_emails,phone,company,linkedin_url');
    expect(csv).toContain("'=1+2");
    const table = parseCsvTable(csv);
    if (!table.ok) throw new Error(table.error);
    const back = importPeopleCsv(table.table);
    if (!back.ok) throw new Error(back.error);
    expect(contact(back.doc)).toEqual(contact(doc));
  });

  it('reads a CSV written before the contact columns existed as ours (apostrophe removed)', () => {
    const old = "id,name,title,department,seniority,influence,interest,stance,tags,notes,email,x,y,cadence_days,next_follow_up\r\na,Ann,'=CEO,,,3,3,unknown,,,,0,0,,";
    const table = parseCsvTable(old);
    if (!table.ok) throw new Error(table.error);
    const back = importPeopleCsv(table.table);
    if (!back.ok) throw new Error(back.error);
    expect(back.doc.stakeholders.a.title).toBe('=CEO');
    expect(Object.hasOwn(back.doc.stakeholders.a, 'phone')).toBe(false);
  });

  it.each([
    ['GraphML', exportGraphml, importGraphml],
    ['GEXF', (d: MapDocument) => exportGexf(d, new Date('2025-01-01')), importGexf],
  ] as const)('round-trip through %s', (_name, write, read) => {
    const doc = contactDoc();
    const back = read(write(doc));
    if (!back.ok) throw new Error(back.error);
    expect(back.problems).toEqual([]);
    expect(contact(back.doc)).toEqual(contact(doc));
    // Contact attributes are fields, not left-over tags.
    expect(back.doc.stakeholders['p-ceo'].tags).toEqual(doc.stakeholders['p-ceo'].tags);
  });

  it('a redacted export carries none of them, in any format', () => {
    const red = redactDocument(contactDoc());
    for (const s of Object.values(red.stakeholders)) {
      for (const key of ['otherEmails', 'phone', 'company', 'linkedinUrl']) expect(Object.hasOwn(s, key)).toBe(false);
    }
    for (const text of [exportMapJson(red), exportPeopleCsv(red), exportGraphml(red), exportGexf(red)]) {
      for (const secret of ['7946', 'Holdings', 'linkedin.com', 'gmail', 'SUM(A1)']) expect(text).not.toContain(secret);
    }
  });

  it('Find searches company, every e-mail and the phone number', () => {
    const doc = contactDoc();
    expect(searchPeople(doc, 'holdings').map((h) => [h.id, h.field])).toEqual([['p-ceo', 'company']]);
    expect(searchPeople(doc, 'z.oster').map((h) => [h.id, h.field])).toEqual([['p-ceo', 'email']]);
    expect(searchPeople(doc, '7946 0958').map((h) => h.id)).toEqual(['p-ceo']);
    expect(searchPeople(doc, '2079460958').map((h) => [h.id, h.field])).toEqual([['p-ceo', 'phone']]);
  });
});
