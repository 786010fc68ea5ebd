import { describe, expect, it } from 'vitest';
import { compareNames, nameWords, normalizeEmail, normalizeLinkedinUrl, PeopleMatcher } from '../../../src/domain/matching';
import { createStakeholder } from '../../../src/domain/factories';

describe('normalizeEmail', () => {
  it.each([
    ['  Alex.Kim@Example.COM ', 'alex.kim@example.com'],
    ['mailto:alex@example.com', 'alex@example.com'],
    ['<alex@example.com>', 'alex@example.com'],
    ['alex+news@example.com', 'alex@example.com'],
    ['A.Lex+x@googlemail.com', 'alex@gmail.com'],
    ['a.l.e.x@gmail.com', 'alex@gmail.com'],
    // Dots matter outside Gmail.
    ['a.lex@example.com', 'a.lex@example.com'],
    ['not an address', ''],
    ['@example.com', ''],
    ['alex@', ''],
  ])('%s -> %s', (raw, want) => expect(normalizeEmail(raw)).toBe(want));
});

describe('normalizeLinkedinUrl', () => {
  it('ignores scheme, www, country subdomain, query, trailing slash and case', () => {
    const want = 'linkedin.com/in/alex-kim-12ab';
    for (const u of ['https://www.linkedin.com/in/alex-kim-12ab/', 'http://uk.linkedin.com/in/Alex-Kim-12ab?trk=x', 'linkedin.com/in/alex-kim-12ab']) expect(normalizeLinkedinUrl(u)).toBe(want);
    expect(normalizeLinkedinUrl('https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa')).toBe('linkedin.com/in/jose-garcia');
    expect(normalizeLinkedinUrl('https://example.com/in/alex')).toBe('');
    expect(normalizeLinkedinUrl('https://www.linkedin.com/in/%E0%A4%A')).toBe('linkedin.com/in/%e0%a4%a');
  });
});

describe('names', () => {
  it('reads "Last, First", titles, suffixes, accents and special letters', () => {
    expect(nameWords('Kim, Alex J.')).toEqual(['alex', 'j', 'kim']);
    expect(nameWords('Dr. Alex J Kim, PhD')).toEqual(['alex', 'j', 'kim']);
    expect(nameWords('Kim, Alex, Jr.')).toEqual(['alex', 'kim']);
    expect(nameWords('Zoë Ålund-Øster')).toEqual(['zoe', 'alund', 'oster']);
    expect(nameWords("O'Brien, Pat")).toEqual(['pat', 'obrien']);
    expect(nameWords('Jack Ma')).toEqual(['jack', 'ma']);
    expect(nameWords('M. Kim')).toEqual(['m', 'kim']);
    expect(nameWords('Groß, Jürgen')).toEqual(['jurgen', 'gross']);
  });

  it.each([
    ['José García', 'Jose Garcia', 'same'],
    ['Garcia, José', 'José García', 'same'],
    ['Alex J. Kim', 'Alex Kim', 'compatible'],
    ['A. Kim', 'Alex Kim', 'compatible'],
    ['Alex J. Kim', 'Alex John Kim', 'compatible'],
    ['Alex J. Kim', 'Alex M. Kim', 'different'],
    ['Kim Alex', 'Alex Kim', 'compatible'],
    ['Alex Kim', 'Alexandra Kim', 'different'],
    ['Alex Kim', 'Alex Kimball', 'different'],
    ['Kim', 'Alex Kim', 'different'],
    ['', 'Alex Kim', 'different'],
  ] as const)('%s vs %s: %s', (a, b, want) => expect(compareNames(a, b)).toBe(want));
});

describe('PeopleMatcher', () => {
  const people = [
    createStakeholder({ id: 'kim1', name: 'Alex Kim', email: 'alex.kim@acme.example' }),
    createStakeholder({ id: 'kim2', name: 'Alex Kim', email: 'akim@globex.example' }),
    createStakeholder({ id: 'jose', name: 'José García', email: '', linkedinUrl: 'https://www.linkedin.com/in/jgarcia' }),
    createStakeholder({ id: 'pat', name: "Pat O'Brien", email: '', otherEmails: ['pat.obrien@gmail.com'] }),
    createStakeholder({ id: 'mei', name: 'Mei Lin Chen', email: '' }),
    createStakeholder({ id: 'shared1', name: 'Team Inbox', email: 'team@acme.example' }),
    createStakeholder({ id: 'shared2', name: 'Team Lead', email: 'team@acme.example' }),
  ];
  const m = new PeopleMatcher(people);

  it('matches by e-mail first, whatever the name says', () => {
    expect(m.match({ name: 'A. Kim', emails: ['Alex.Kim+cal@ACME.example'] })).toEqual({ kind: 'sure', id: 'kim1', by: 'email' });
    expect(m.match({ name: 'Somebody Else', emails: ['akim@globex.example'] })).toEqual({ kind: 'sure', id: 'kim2', by: 'email' });
    expect(m.match({ name: 'Pat', emails: ['patobrien@googlemail.com'] })).toEqual({ kind: 'sure', id: 'pat', by: 'email' });
  });

  it('a shared address is unsure between the people who have it', () => {
    const r = m.match({ name: 'Team', emails: ['team@acme.example'] });
    expect(r).toMatchObject({ kind: 'unsure', ids: ['shared1', 'shared2'], by: 'email' });
  });

  it('tells namesakes apart: a third Alex Kim with another address is nobody on the map', () => {
    expect(m.match({ name: 'Alex Kim', emails: ['alex@initech.example'] })).toEqual({ kind: 'none', namesakes: ['kim1', 'kim2'] });
  });

  it('two people with the name and no e-mail to decide: unsure, never a guess', () => {
    const r = m.match({ name: 'Kim, Alex' });
    expect(r).toMatchObject({ kind: 'unsure', ids: ['kim1', 'kim2'], by: 'name' });
  });

  it('matches by LinkedIn URL, then by a unique name with accents and "Last, First"', () => {
    expect(m.match({ name: 'Jo Garcia', linkedinUrl: 'http://uk.linkedin.com/in/JGarcia/' })).toEqual({ kind: 'sure', id: 'jose', by: 'url' });
    expect(m.match({ name: 'GARCIA, Jose' })).toEqual({ kind: 'sure', id: 'jose', by: 'name' });
    expect(m.match({ name: "Pat O'Brien", emails: [] })).toEqual({ kind: 'sure', id: 'pat', by: 'name' });
  });

  it('a middle initial on one side only is unsure; a different one is nobody', () => {
    expect(m.match({ name: 'Mei Chen' })).toMatchObject({ kind: 'unsure', ids: ['mei'] });
    expect(m.match({ name: 'Mei L. Chen' })).toMatchObject({ kind: 'unsure', ids: ['mei'] });
    expect(m.match({ name: 'Mei K. Chen' })).toEqual({ kind: 'none', namesakes: [] });
  });

  it('a name match with an e-mail on one side only still counts (the map often lacks addresses)', () => {
    expect(m.match({ name: 'José García', emails: ['jose@newco.example'] })).toEqual({ kind: 'sure', id: 'jose', by: 'name' });
  });

  it('an empty name and no keys is nobody', () => {
    expect(m.match({ name: '  ' })).toEqual({ kind: 'none', namesakes: [] });
  });
});
