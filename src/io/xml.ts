/**
 * XML reading for GraphML and GEXF: a small single-pass reader written for them (pure JS: works
 * in a Web Worker and in Node, where there is no DOMParser). It checks well-formedness as it goes
 * (one pass, instead of validating and then parsing) and reports the line and column of the first
 * problem. Elements come back as plain objects: attributes under "@name", text (trimmed) under
 * "#text" (present on every element without children, and wherever there is text), namespace prefixes removed (viz:position -> position; xmlns
 * declarations dropped), and the repeating elements we care about always as arrays. The five XML
 * entities and numeric character references are decoded; comments, processing instructions,
 * DOCTYPE are skipped; CDATA is text.
 */

export type XmlElement = Record<string, unknown>;

const ALWAYS_ARRAY = new Set(['key', 'graph', 'node', 'edge', 'data', 'attributes', 'attribute', 'attvalue', 'nodes', 'edges', 'hyperedge']);
const MAX_DEPTH = 500;

/** Where a name (`[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7-\uFFFF]*`) starting at `at` ends; `at` when none starts there. */
function nameEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  // NaN (past the end) fails every comparison.
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95 || first === 58 || first >= 0xc0)) return at;
  let i = at + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46 || c >= 0xb7) i++;
    else return i;
  }
}

/** Where the XML white space (space, tab, CR, LF) starting at `at` ends. */
function spaceEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** Whether text[from, to) is only XML white space (the indentation between tags, most of a file's text). */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(value: string): string {
  if (value.indexOf('&') < 0) return value;
  return value.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    return valid ? String.fromCodePoint(code) : '';
  });
}

const localName = (name: string) => {
  const colon = name.lastIndexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the reader's buffer. */
    readonly at: number,
    /** Where, when it is not `at` (an element opened in an earlier chunk). */
    readonly place?: { line: number; column: number },
  ) {
    super(message);
  }
}

interface Frame {
  name: string;
  /** `name` without its prefix. */
  local: string;
  /** Where the element opened, for messages about it. */
  line: number;
  column: number;
  /** Null inside an element handed over as events: no object is made for it. */
  element: XmlElement | null;
  text: string;
  /** Has child elements (then "#text" is only set when there is text). */
  parent: boolean;
  /** Handed over when it closes instead of being kept in the tree (XmlReaderOptions.handOver). */
  take: ((element: XmlElement, ancestors: readonly XmlElement[]) => void) | null;
  /** Told when it closes: it is, or is inside, an element handed over as events. */
  events: XmlEvents | null;
  /** Depth below the element handed over as events (0 for that element). */
  depth: number;
}

function attach(parent: XmlElement, name: string, element: XmlElement): void {
  const key = localName(name);
  const existing = parent[key];
  if (ALWAYS_ARRAY.has(key)) {
    if (Array.isArray(existing)) existing.push(element);
    else parent[key] = [element];
  } else if (existing === undefined) parent[key] = element;
  else if (Array.isArray(existing)) existing.push(element);
  else parent[key] = [existing, element];
}

/**
 * Where a DOCTYPE that starts at `start` ends (just past its ">"), or -1 when it is not closed.
 * Steps over an internal subset in [...], with its quoted literals and comments, since those may
 * hold ">" and "]". Nothing declared there is used: entities are never expanded.
 */
export function doctypeEnd(text: string, start: number): number {
  let inSubset = false;
  for (let i = start + 9; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (inSubset && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return -1;
      i = close + 2;
    } else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return i + 1;
  }
  return -1;
}

/** Thrown by the reader's helpers when a construct runs past the end of the text read so far. */
const NEED_MORE = Symbol('need more');

/** A count of elements with one name went past its limit (`XmlReaderOptions.limits`). */
export interface XmlLimitExceeded {
  name: string;
  max: number;
}

class XmlLimitError extends Error {
  constructor(readonly exceeded: XmlLimitExceeded) {
    super(`more than ${exceeded.max} <${exceeded.name}> elements`);
  }
}

/**
 * Elements taken out of the tree as they close (a streaming builder): `within` lists the
 * prefix-free names of the elements it must sit in, the root first; `take` gets the complete
 * element and those enclosing elements (the root first, as far as they are read). Elsewhere an
 * element of that name stays in the tree as usual.
 */
export interface XmlHandOver {
  within: readonly string[];
  /** Gets the element as an object (with its children) when it closes. */
  take?: (element: XmlElement, ancestors: readonly XmlElement[]) => void;
  /**
   * Gets the element and everything inside it as events instead, and no object is made for any
   * of them (the streaming builders: a 300,000-element file makes no XML objects at all).
   */
  events?: XmlEvents;
}

/**
 * The elements of a handed-over element, as they are read (XmlHandOver.events). Names are
 * prefix-free; `depth` is 0 for the handed-over element itself, 1 for its children, and so on.
 */
export interface XmlEvents {
  /**
   * An element opened. `attributes` up to `count` are [name, value, name, value, ...] with
   * prefix-free names, values decoded and xmlns declarations left out; the array is reused for the
   * next element (and may hold more past `count`), so copy what you keep. `ancestors` are the enclosing elements kept in the tree (the root first),
   * given at depth 0 only (empty below).
   */
  open(name: string, attributes: readonly string[], count: number, depth: number, ancestors: readonly XmlElement[]): void;
  /** The element at `depth` closed; `text` is its text (trimmed, entities decoded; '' when none). */
  close(name: string, depth: number, text: string): void;
}

const NO_ANCESTORS: readonly XmlElement[] = [];

export interface XmlReaderOptions {
  /**
   * Refuse the document as soon as it holds more elements with this (prefix-free) name than the
   * number given, counted as they open: a file far over a limit is refused without reading it all.
   */
  limits?: Record<string, number>;
  /**
   * By (prefix-free) element name: elements handed over one by one instead of kept in the tree,
   * so a document of 300,000 nodes and edges is never held as a tree. Checking and messages are
   * the same; the handed-over elements are simply missing from the tree `end` gives.
   */
  handOver?: Record<string, XmlHandOver>;
}

export type XmlParse = { ok: true; root: XmlElement; rootName: string; notes: string[] } | { ok: false; error: string; exceeded?: XmlLimitExceeded };

/**
 * The one XML reader, fed the text in pieces (`write`, then `end`): a file read in chunks is
 * never held as one string, and a whole text is simply one piece. A construct cut by a chunk
 * boundary (a tag, an attribute value, an entity, a comment) is left in the buffer until the
 * rest arrives, and only complete constructs change the tree, so the result does not depend on
 * where the text was cut. It checks well-formedness as it goes and reports the line and column
 * of the first problem (counted across chunks).
 */
export class XmlReader {
  private buf = '';
  /** Where reading continues in `buf`; everything before it is done with. */
  private pos = 0;
  /** Offset of buf[0] in the whole text. */
  private base = 0;
  private readonly top: XmlElement = Object.create(null) as XmlElement;
  private readonly stack: Frame[] = [];
  private readonly notes: string[] = [];
  private readonly limits: Map<string, number>;
  private readonly handOver: Map<string, XmlHandOver>;
  private readonly counts = new Map<string, number>();
  private failure: { error: string; exceeded?: XmlLimitExceeded } | null = null;
  // Line counting moves forward only (each newline is looked at once, whatever the chunking).
  private cursor = 0;
  private line = 1;
  private lineStart = 0;
  /** Offset of the next newline at or after `cursor`, or -1 when not yet looked for. */
  private nextNewline = -1;
  /** No newline lies in [cursor, scannedTo) when nextNewline is -1. */
  private scannedTo = 0;

  constructor(options: XmlReaderOptions = {}) {
    this.limits = new Map(Object.entries(options.limits ?? {}));
    this.handOver = new Map(Object.entries(options.handOver ?? {}));
  }

  /** Whether an element named `local` opening now (inside the open elements) is handed over. */
  private handedOver(local: string): XmlHandOver | null {
    const rule = this.handOver.get(local);
    if (!rule || rule.within.length !== this.stack.length) return null;
    for (let i = 0; i < rule.within.length; i++) if (localName(this.stack[i].name) !== rule.within[i]) return null;
    return rule;
  }

  private ancestors(): XmlElement[] {
    const up: XmlElement[] = [];
    for (const f of this.stack) if (f.element) up.push(f.element);
    return up;
  }

  /** The attributes of the tag being read, [raw name, decoded value, ...], reused from tag to tag. */
  private readonly attributes: string[] = [];
  /** The same with prefix-free names and no xmlns declarations, for XmlEvents.open. */
  private readonly localAttributes: string[] = [];

  /** Reads the next piece of text; false once the document is known to be bad (stop feeding it). */
  write(chunk: string): boolean {
    if (this.failure) return false;
    this.where(this.base + this.pos);
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.base += this.pos;
    this.pos = 0;
    return this.run(false);
  }

  /** Reads what is left and gives the document, or the first problem. */
  end(): XmlParse {
    if (!this.failure) this.run(true);
    if (this.failure) return { ok: false, ...this.failure };
    const rootName = Object.keys(this.top)[0];
    if (!rootName) return { ok: false, error: 'The XML has no root element.' };
    const root = this.top[rootName];
    const element = Array.isArray(root) ? root[0] : root;
    return { ok: true, root: isElement(element) ? element : {}, rootName, notes: this.notes };
  }

  /** Line and column of an offset at or after the last one asked for. */
  private where(at: number): { line: number; column: number } {
    for (;;) {
      if (this.nextNewline < 0) {
        const i = this.buf.indexOf('\n', Math.max(this.scannedTo, this.cursor) - this.base);
        if (i < 0) {
          this.scannedTo = this.base + this.buf.length;
          break;
        }
        this.nextNewline = this.base + i;
      }
      if (this.nextNewline >= at) break;
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.cursor = this.lineStart;
      this.nextNewline = -1;
    }
    if (at > this.cursor) this.cursor = at;
    return { line: this.line, column: at - this.lineStart + 1 };
  }

  private run(final: boolean): boolean {
    try {
      this.read(final);
      return true;
    } catch (error) {
      if (error instanceof XmlSyntaxError) {
        const { line, column } = error.place ?? this.where(this.base + error.at);
        this.failure = { error: `The XML is malformed at line ${line}, column ${column}: ${error.message}` };
      } else if (error instanceof XmlLimitError) this.failure = { error: error.message, exceeded: error.exceeded };
      else this.failure = { error: `The XML could not be read (${error instanceof Error ? error.message : String(error)}).` };
      return false;
    }
  }

  /** Reads complete constructs from `buf`; throws XmlSyntaxError at the first problem. */
  private read(final: boolean): void {
    const text = this.buf;
    const stack = this.stack;
    const notes = this.notes;
    const attributes = this.attributes;
    let pos = this.pos;
    const more = (at: number): void => {
      if (!final && at >= text.length) throw NEED_MORE;
    };
    /** Where the name starting at `at` ends; throws when none starts there. */
    const name = (at: number): number => {
      const end = nameEnd(text, at);
      if (end === at) {
        more(at);
        throw new XmlSyntaxError(at >= text.length ? 'the file ends inside a tag.' : `a tag name cannot start with ${JSON.stringify(text[at])}.`, at);
      }
      more(end);
      return end;
    };
    const space = (at: number): number => {
      const end = spaceEnd(text, at);
      more(end);
      return end;
    };
    const addText = (from: number, to: number, at: number, raw = false) => {
      if (!raw && blank(text, from, to)) return;
      const segment = text.slice(from, to);
      const value = raw ? segment : segment.trim();
      if (!value) return;
      const frame = stack[stack.length - 1];
      if (!frame) throw new XmlSyntaxError('there is text outside the root element.', at);
      frame.text += raw ? value : decode(value);
    };
    try {
      while (pos < text.length) {
        const lt = text.indexOf('<', pos);
        if (lt < 0) {
          // Text is read whole (trimmed, entities decoded) once the next tag shows where it ends.
          if (!final) break;
          addText(pos, text.length, pos);
          pos = text.length;
          break;
        }
        if (lt > pos) addText(pos, lt, pos);
        pos = lt;
        more(lt + 1);
        const next = text.charCodeAt(lt + 1);
        if (next === 63 /* ? */) {
          const end = text.indexOf('?>', lt + 2);
          if (end < 0) {
            more(text.length);
            throw new XmlSyntaxError('a processing instruction (<?...) is not closed.', lt);
          }
          pos = end + 2;
        } else if (next === 33 /* ! */) {
          more(lt + 9);
          if (text.startsWith('<!--', lt)) {
            const end = text.indexOf('-->', lt + 4);
            if (end < 0) {
              more(text.length);
              throw new XmlSyntaxError('a comment (<!--) is not closed.', lt);
            }
            pos = end + 3;
          } else if (text.startsWith('<![CDATA[', lt)) {
            const end = text.indexOf(']]>', lt + 9);
            if (end < 0) {
              more(text.length);
              throw new XmlSyntaxError('a CDATA section is not closed.', lt);
            }
            addText(lt + 9, end, lt, true);
            pos = end + 3;
          } else if (text.startsWith('<!DOCTYPE', lt)) {
            const end = doctypeEnd(text, lt);
            if (end < 0) {
              more(text.length);
              throw new XmlSyntaxError('the DOCTYPE is not closed.', lt);
            }
            if (/<!ENTITY/.test(text.slice(lt, end))) notes.push('The file declares entities in its DOCTYPE; they were not expanded (a reference such as &name; is kept as written).');
            pos = end;
          } else throw new XmlSyntaxError('"<!" starts neither a comment, CDATA nor a DOCTYPE.', lt);
        } else if (next === 47 /* / */) {
          const tagEnd = name(lt + 2);
          const end = space(tagEnd);
          const frame = stack[stack.length - 1];
          // The usual case, the closing tag of the open element, is matched without a new string.
          const same = frame !== undefined && tagEnd - lt - 2 === frame.name.length && text.startsWith(frame.name, lt + 2);
          const tag = same ? frame.name : text.slice(lt + 2, tagEnd);
          if (text.charCodeAt(end) !== 62 /* > */) throw new XmlSyntaxError(`the closing tag </${tag}> is not closed with ">".`, lt);
          if (!frame) throw new XmlSyntaxError(`the closing tag </${tag}> has no matching opening tag.`, lt);
          if (!same) throw new XmlSyntaxError(`expected the closing tag </${frame.name}> (opened at line ${frame.line}, column ${frame.column}) instead of </${tag}>.`, lt);
          stack.pop();
          pos = end + 1;
          if (frame.events) frame.events.close(frame.local, frame.depth, frame.text);
          else if (frame.element) {
            if (frame.text || !frame.parent) frame.element['#text'] = frame.text;
            if (frame.take) frame.take(frame.element, this.ancestors());
          }
        } else {
          const tagEnd = name(lt + 1);
          const tag = text.slice(lt + 1, tagEnd);
          let i = tagEnd;
          // Filled by index, not emptied with `length = 0`, which frees the array's storage each tag.
          let count = 0;
          // Repeated attributes are checked in the list while there are few and in a set beyond
          // that, so an element with 300,000 attributes is read in linear time.
          let seenSet: Set<string> | null = null;
          for (;;) {
            const afterSpace = space(i);
            const c = text.charCodeAt(afterSpace);
            if (c === 62 /* > */ || c === 47 /* / */) {
              if (c === 47) {
                more(afterSpace + 1);
                if (text.charCodeAt(afterSpace + 1) !== 62) throw new XmlSyntaxError(`"/" in the tag <${tag}> must be followed by ">".`, afterSpace);
              }
              i = afterSpace;
              break;
            }
            if (afterSpace >= text.length) throw new XmlSyntaxError(`the tag <${tag}> is not closed.`, lt);
            if (afterSpace === i) throw new XmlSyntaxError(`the attributes of <${tag}> need a space between them.`, i);
            const attrEnd = name(afterSpace);
            const attrName = text.slice(afterSpace, attrEnd);
            let j = space(attrEnd);
            if (text.charCodeAt(j) !== 61 /* = */) throw new XmlSyntaxError(`the attribute ${attrName} of <${tag}> has no value.`, afterSpace);
            j = space(j + 1);
            const quote = text.charCodeAt(j);
            if (quote !== 34 && quote !== 39) throw new XmlSyntaxError(`the value of the attribute ${attrName} of <${tag}> is not in quotes.`, j);
            const close = text.indexOf(quote === 34 ? '"' : "'", j + 1);
            if (close < 0) {
              more(text.length);
              throw new XmlSyntaxError(`the value of the attribute ${attrName} of <${tag}> is not closed.`, j);
            }
            const raw = text.slice(j + 1, close);
            if (raw.indexOf('<') >= 0) throw new XmlSyntaxError(`the value of the attribute ${attrName} of <${tag}> contains "<".`, j);
            if (seenSet ? seenSet.has(attrName) : repeated(attributes, count, attrName)) throw new XmlSyntaxError(`the attribute ${attrName} is repeated in <${tag}>.`, afterSpace);
            if (seenSet) seenSet.add(attrName);
            else if (count >= 32) {
              seenSet = new Set();
              for (let k = 0; k < count; k += 2) seenSet.add(attributes[k]);
              seenSet.add(attrName);
            }
            attributes[count++] = attrName;
            attributes[count++] = decode(raw);
            i = close + 1;
          }
          // The tag is complete: from here on the tree changes.
          const local = localName(tag);
          const max = this.limits.get(local);
          if (max !== undefined) {
            const count = (this.counts.get(local) ?? 0) + 1;
            if (count > max) throw new XmlLimitError({ name: local, max });
            this.counts.set(local, count);
          }
          const parent = stack[stack.length - 1];
          const selfClosing = text.charCodeAt(i) === 47;
          if (!selfClosing && stack.length >= MAX_DEPTH) throw new XmlSyntaxError(`elements are nested more than ${MAX_DEPTH} deep.`, lt);
          if (parent) parent.parent = true;
          const inside = parent?.events ? parent : null;
          const handOver = inside || !this.handOver.size ? null : this.handedOver(local);
          const events = inside ? inside.events : (handOver?.events ?? null);
          let element: XmlElement | null = null;
          const depth = inside ? inside.depth + 1 : 0;
          if (events) events.open(local, this.localAttributes, this.local(attributes, count), depth, inside ? NO_ANCESTORS : this.ancestors());
          else {
            // No prototype: element and attribute names come from the file ("constructor", "__proto__").
            element = Object.create(null) as XmlElement;
            for (let k = 0; k < count; k += 2) {
              const attrName = attributes[k];
              if (attrName !== 'xmlns' && !attrName.startsWith('xmlns:')) element[`@${localName(attrName)}`] = attributes[k + 1];
            }
            if (!handOver) attach(parent?.element ?? this.top, tag, element);
          }
          if (selfClosing) {
            pos = i + 2;
            if (events) events.close(local, depth, '');
            else if (element) {
              element['#text'] = '';
              if (handOver?.take) handOver.take(element, this.ancestors());
            }
          } else {
            const { line, column } = this.where(this.base + lt);
            stack.push({ name: tag, local, line, column, element, text: '', parent: false, take: handOver?.take ?? null, events, depth });
            pos = i + 1;
          }
        }
      }
    } catch (error) {
      if (error !== NEED_MORE) throw error;
    }
    this.pos = pos;
    if (!final) return;
    const open = stack[stack.length - 1];
    if (open) throw new XmlSyntaxError(`the tag <${open.name}> is never closed.`, 0, { line: open.line, column: open.column });
  }

  /** Fills localAttributes with `attributes` (up to `count`) under prefix-free names, without xmlns declarations; how many it holds. */
  private local(attributes: readonly string[], count: number): number {
    const out = this.localAttributes;
    let n = 0;
    for (let k = 0; k < count; k += 2) {
      const attrName = attributes[k];
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
      out[n++] = localName(attrName);
      out[n++] = attributes[k + 1];
    }
    return n;
  }
}

/** Whether `name` is among the names of a [name, value, ...] list. */
function repeated(attributes: readonly string[], count: number, name: string): boolean {
  for (let k = 0; k < count; k += 2) if (attributes[k] === name) return true;
  return false;
}

/** Reads a whole document given as one text. */
export function parseXml(text: string, options: XmlReaderOptions = {}): XmlParse {
  const reader = new XmlReader(options);
  reader.write(text);
  return reader.end();
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Child elements with this (prefix-free) name, always as a list. */
export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isElement);
}

export function child(element: XmlElement, name: string): XmlElement | null {
  return children(element, name)[0] ?? null;
}

export function attr(element: XmlElement, name: string): string | null {
  const value = element[`@${name}`];
  return value === undefined || value === null ? null : String(value);
}

export function textOf(element: XmlElement): string {
  const value = element['#text'];
  return value === undefined || value === null ? '' : String(value);
}

/** First element named `name` anywhere below `element` (depth-first), e.g. yEd's NodeLabel. */
export function findDeep(element: XmlElement, name: string, depth = 0): XmlElement | null {
  if (depth > 20) return null;
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('@') || key.startsWith('#')) continue;
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (!isElement(item)) continue;
      if (key === name) return item;
      const found = findDeep(item, name, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
