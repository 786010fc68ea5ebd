/**
 * What kind of file this is, by content first (PNG signature, JSON "type", XML root element)
 * and by file name extension second. Pure; never throws.
 */
import { isCalendarCsv, isIcs } from './calendar-detect';
import { isLinkedinConnections } from './linkedin';
import { isPng } from './png';
import { isVcard } from './vcard';
import { doctypeEnd } from './xml';

export type DetectedFormat =
  | 'empty'
  | 'png'
  | 'json'
  | 'graphml'
  | 'gexf'
  | 'csv'
  | 'xml-other'
  | 'html'
  | 'zip'
  | 'pdf'
  | 'image-other'
  | 'binary';

export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return match ? match[1].toLowerCase() : '';
}

/** Detection on the raw bytes: formats that are not text at all. Null means "text, look further". */
export function sniffBytes(bytes: Uint8Array): DetectedFormat | null {
  if (bytes.length === 0) return 'empty';
  if (isPng(bytes)) return 'png';
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38) || starts(0x52, 0x49, 0x46, 0x46) || starts(0x42, 0x4d)) return 'image-other';
  if (starts(0xd0, 0xcf, 0x11, 0xe0) || starts(0x1f, 0x8b)) return 'binary';
  return null;
}

/** The name of the first element of an XML text (prefix removed), or null. */
export function xmlRootName(text: string): string | null {
  let rest = text;
  for (let guard = 0; guard < 100; guard++) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return null;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return null;
      rest = rest.slice(end + 3);
    } else if (/^<!doctype/i.test(rest)) {
      const match = /^<!doctype\s+([A-Za-z_][\w:.-]*)/i.exec(rest);
      if (match && match[1].toLowerCase() === 'html') return 'html';
      const end = doctypeEnd(rest, 0);
      if (end < 0) return null;
      rest = rest.slice(end);
    } else break;
  }
  const match = /^<([A-Za-z_][\w:.-]*)/.exec(rest);
  if (!match) return null;
  const name = match[1];
  return (name.includes(':') ? name.slice(name.indexOf(':') + 1) : name).toLowerCase();
}

/** Detection on decoded text, with the file extension as a tie-breaker. */
export function sniffText(text: string, name: string): DetectedFormat {
  const head = text.slice(0, 4096);
  if (head.trim() === '') return 'empty';
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(head)) return 'binary';
  const start = head.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('<')) {
    // An internal DOCTYPE subset can be long: look further than the head for the root element.
    const root = xmlRootName(text.slice(0, 262_144).trimStart());
    if (root === 'graphml') return 'graphml';
    if (root === 'gexf') return 'gexf';
    if (root === 'html' || root === 'head' || root === 'body') return 'html';
    return 'xml-other';
  }
  const ext = extensionOf(name);
  if (ext === 'json') return 'json';
  if (ext === 'graphml') return 'graphml';
  if (ext === 'gexf') return 'gexf';
  if (ext === 'xml') return 'xml-other';
  return 'csv';
}

/** Files that feed the open map's people and log rather than making a map. */
export type PersonalFormat = 'ics' | 'calendar-csv' | 'vcard' | 'linkedin';

/**
 * A calendar, contacts or LinkedIn file, by content first (BEGIN:VCALENDAR, BEGIN:VCARD, the
 * Connections.csv header after its notes, Outlook's calendar CSV header), then by extension
 * (.ics, .vcf), so a broken .ics still reaches the calendar reader and gets its message there.
 */
export function detectPersonal(text: string, name: string): PersonalFormat | null {
  if (isIcs(text)) return 'ics';
  if (isVcard(text)) return 'vcard';
  if (isLinkedinConnections(text)) return 'linkedin';
  if (isCalendarCsv(text)) return 'calendar-csv';
  const ext = extensionOf(name);
  if (ext === 'ics' || ext === 'ical' || ext === 'ifb') return 'ics';
  if (ext === 'vcf' || ext === 'vcard') return 'vcard';
  return null;
}
