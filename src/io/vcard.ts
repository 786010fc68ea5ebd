/**
 * vCards (.vcf), one card or many, as phones and mail programs export them: vCard 2.1, 3.0 and
 * 4.0. Read by a small parser rather than ical.js: ical.js reads 3.0/4.0 but does not decode
 * QUOTED-PRINTABLE values (with their "=" soft line breaks) nor CHARSET, which phone exports use.
 * Handled: folded lines (CRLF or LF followed by a space or tab), QUOTED-PRINTABLE with soft
 * breaks and CHARSET (UTF-8, ISO-8859-1), escaped \, \; \n, group prefixes (item1.EMAIL), FN or N,
 * TITLE, ORG (first unit), EMAIL (several), TEL (first, preferring PREF), URL and
 * X-SOCIALPROFILE for LinkedIn. PHOTO and other binary values (BASE64) are skipped without being
 * decoded. Pure; never throws.
 */
import type { ContactRecord } from '../domain/contacts-import';
import type { ContactsParse } from './linkedin';
import { quote } from './text';

interface Prop {
  name: string;
  params: Record<string, string[]>;
  value: string;
  line: number;
}

/** Physical lines joined into logical ones, each with the line it started on. */
function unfold(text: string): { text: string; line: number }[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const out: { text: string; line: number }[] = [];
  let qpOpen = false;
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i];
    const last = out[out.length - 1];
    if (last && qpOpen) {
      // QUOTED-PRINTABLE soft line break: the previous line ended with "=".
      last.text = last.text.slice(0, -1) + l.replace(/^[ \t]/, '');
    } else if (last && /^[ \t]/.test(l)) {
      last.text += l.slice(1);
    } else {
      out.push({ text: l, line: i + 1 });
    }
    const cur = out[out.length - 1];
    qpOpen = Boolean(cur && /ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE/i.test(cur.text.slice(0, cur.text.indexOf(':') >>> 0)) && cur.text.endsWith('='));
  }
  return out;
}

function parseLine(text: string, line: number): Prop | null {
  // name and params up to the first ":" outside quotes.
  let inQuote = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === ':' && !inQuote) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const head = text.slice(0, colon).split(';');
  const name = head[0].replace(/^[^.]*\./, '').trim().toUpperCase();
  const params: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const p of head.slice(1)) {
    const eq = p.indexOf('=');
    // vCard 2.1 bare parameters: "TEL;WORK;VOICE", "EMAIL;INTERNET;QUOTED-PRINTABLE".
    const key = (eq < 0 ? (/^(quoted-printable|base64|b|8bit|7bit)$/i.test(p) ? 'ENCODING' : 'TYPE') : p.slice(0, eq)).trim().toUpperCase();
    const value = eq < 0 ? p : p.slice(eq + 1);
    const list = (params[key] ??= []);
    for (const v of value.split(',')) list.push(v.replace(/^"|"$/g, '').trim().toLowerCase());
  }
  return { name, params, value: text.slice(colon + 1), line };
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = value.charCodeAt(i);
      if (code < 128) bytes.push(code);
      else for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  const label = /^(iso-8859-1|latin1|windows-1252|cp1252)$/i.test(charset) ? 'windows-1252' : 'utf-8';
  return new TextDecoder(label).decode(new Uint8Array(bytes));
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a structured value on unescaped ";". */
function components(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && i + 1 < value.length) {
      cur += value[i] + value[i + 1];
      i++;
    } else if (value[i] === ';') {
      out.push(cur);
      cur = '';
    } else cur += value[i];
  }
  out.push(cur);
  return out.map((c) => unescapeText(c).trim());
}

export function isVcard(text: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 4096)) && /^\s*BEGIN:VCARD/i.test(text.replace(/^\uFEFF/, '').trimStart());
}

export function parseVcards(text: string, fileName: string): ContactsParse {
  try {
    return parse(text, fileName);
  } catch (error) {
    return { ok: false, error: `${quote(fileName, 60)} could not be read as vCards (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function parse(text: string, fileName: string): ContactsParse {
  const label = quote(fileName, 60);
  const lines = unfold(text);
  const records: ContactRecord[] = [];
  const problems: string[] = [];
  let card: Prop[] | null = null;
  let start = 0;
  let cards = 0;
  for (const { text: l, line } of lines) {
    if (l.trim() === '') continue;
    if (/^BEGIN:VCARD$/i.test(l.trim())) {
      if (card) return { ok: false, error: `${label}, line ${line}: a new card begins before the card from line ${start} ended (END:VCARD missing).` };
      card = [];
      start = line;
      continue;
    }
    if (/^END:VCARD$/i.test(l.trim())) {
      if (!card) return { ok: false, error: `${label}, line ${line}: END:VCARD without BEGIN:VCARD.` };
      cards++;
      const record = toRecord(card, start, label, problems);
      if (record) records.push(record);
      card = null;
      continue;
    }
    if (!card) {
      if (cards === 0 && records.length === 0) return { ok: false, error: `${label}, line ${line}: not a vCard (it should start with BEGIN:VCARD).` };
      continue;
    }
    const prop = parseLine(l, line);
    if (!prop) {
      problems.push(`${label}, line ${line}: not a vCard property (a folded line must start with a space); ignored.`);
      continue;
    }
    card.push(prop);
  }
  if (card) return { ok: false, error: `${label}: the card that starts on line ${start} has no END:VCARD (the file may be cut short).` };
  if (cards === 0) return { ok: false, error: `${label} has no vCards (BEGIN:VCARD ... END:VCARD).` };
  if (records.length === 0) return { ok: false, error: `${label}: none of its ${cards} cards has a name.${problems[0] ? ` ${problems[0]}` : ''}` };
  return { ok: true, records, problems };
}

function valueOf(p: Prop, label: string, problems: string[]): string | null {
  const encoding = p.params.ENCODING?.[0] ?? '';
  if (encoding === 'b' || encoding === 'base64') return null;
  if (p.params.VALUE?.[0] === 'binary') return null;
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(p.value, p.params.CHARSET?.[0] ?? 'utf-8');
  if (encoding && encoding !== '8bit' && encoding !== '7bit') {
    problems.push(`${label}, line ${p.line}: ${p.name} has an encoding this app does not read (${quote(encoding)}); ignored.`);
    return null;
  }
  return p.value;
}

const SKIPPED = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);

function toRecord(props: Prop[], line: number, label: string, problems: string[]): ContactRecord | null {
  let fn = '';
  let n = '';
  let title = '';
  let org = '';
  let linkedin = '';
  const emails: string[] = [];
  let phone = '';
  let phonePref = false;
  for (const p of props) {
    if (SKIPPED.has(p.name)) continue;
    const raw = valueOf(p, label, problems);
    if (raw === null) continue;
    const types = [...(p.params.TYPE ?? []), ...(p.params.PREF ? ['pref'] : [])];
    switch (p.name) {
      case 'FN':
        fn = unescapeText(raw).trim();
        break;
      case 'N': {
        const [family = '', given = '', middle = '', prefix = '', suffix = ''] = components(raw);
        n = [prefix, given, middle, family, suffix].filter(Boolean).join(' ');
        break;
      }
      case 'TITLE':
        title ||= unescapeText(raw).trim();
        break;
      case 'ORG':
        org ||= components(raw)[0] ?? '';
        break;
      case 'EMAIL': {
        const e = unescapeText(raw).trim().replace(/^mailto:/i, '');
        if (e && !emails.includes(e)) {
          if (types.includes('pref')) emails.unshift(e);
          else emails.push(e);
        }
        break;
      }
      case 'TEL': {
        const t = unescapeText(raw).trim().replace(/^tel:/i, '');
        if (t && (!phone || (types.includes('pref') && !phonePref))) {
          phone = t;
          phonePref = types.includes('pref');
        }
        break;
      }
      case 'URL':
      case 'X-SOCIALPROFILE': {
        const u = unescapeText(raw).trim();
        if (!linkedin && /linkedin\.com\//i.test(u)) linkedin = u;
        break;
      }
      default:
        break;
    }
  }
  const name = (fn || n).replace(/\s+/g, ' ').trim();
  if (!name) {
    problems.push(`${label}, line ${line}: a card with no name (FN or N); skipped.`);
    return null;
  }
  return { line, name, title, company: org, emails, phone, linkedinUrl: linkedin, connectedOn: null };
}
