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

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
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
  /** Where the element opened, for messages about it. */
  line: number;
  column: number;
  element: XmlElement;
  text: string;
  /** Has child elements (then "#text" is only set when there is text). */
  parent: boolean;
  /** Handed over when it closes instead of being kept in the tree (XmlReaderOptions.handOver). */
  take: ((element: XmlElement, ancestors: readonly XmlElement[]) => void) | null;
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
  take: (element: XmlElement, ancestors: readonly XmlElement[]) => void;
}

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
    return this.stack.map((f) => f.element);
  }

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
    let pos = this.pos;
    const more = (at: number): void => {
      if (!final && at >= text.length) throw NEED_MORE;
    };
    const name = (at: number): string => {
      NAME.lastIndex = at;
      const m = NAME.exec(text);
      if (!m) {
        more(at);
        throw new XmlSyntaxError(at >= text.length ? 'the file ends inside a tag.' : `a tag name cannot start with ${JSON.stringify(text[at])}.`, at);
      }
      more(at + m[0].length);
      return m[0];
    };
    const space = (at: number): number => {
      SPACE.lastIndex = at;
      SPACE.exec(text);
      more(SPACE.lastIndex);
      return SPACE.lastIndex;
    };
    const addText = (segment: string, at: number, raw = false) => {
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
          addText(text.slice(pos), pos);
          pos = text.length;
          break;
        }
        if (lt > pos) addText(text.slice(pos, lt), pos);
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
            addText(text.slice(lt + 9, end), lt, true);
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
          const tag = name(lt + 2);
          const end = space(lt + 2 + tag.length);
          if (text[end] !== '>') throw new XmlSyntaxError(`the closing tag </${tag}> is not closed with ">".`, lt);
          const frame = stack.pop();
          if (!frame) throw new XmlSyntaxError(`the closing tag </${tag}> has no matching opening tag.`, lt);
          if (frame.name !== tag) {
            stack.push(frame);
            throw new XmlSyntaxError(`expected the closing tag </${frame.name}> (opened at line ${frame.line}, column ${frame.column}) instead of </${tag}>.`, lt);
          }
          if (frame.text || !frame.parent) frame.element['#text'] = frame.text;
          pos = end + 1;
          if (frame.take) frame.take(frame.element, this.ancestors());
        } else {
          const tag = name(lt + 1);
          // No prototype: element and attribute names come from the file ("constructor", "__proto__").
          const element: XmlElement = Object.create(null) as XmlElement;
          let i = lt + 1 + tag.length;
          // Repeated attributes are checked in a list while there are few and in a set beyond that,
          // so an element with 300,000 attributes is read in linear time.
          let seen: string[] | null = null;
          let seenSet: Set<string> | null = null;
          for (;;) {
            const afterSpace = space(i);
            const c = text[afterSpace];
            if (c === '>' || c === '/') {
              if (c === '/') more(afterSpace + 1);
              if (c === '/' && text[afterSpace + 1] !== '>') throw new XmlSyntaxError(`"/" in the tag <${tag}> must be followed by ">".`, afterSpace);
              i = afterSpace;
              break;
            }
            if (c === undefined) throw new XmlSyntaxError(`the tag <${tag}> is not closed.`, lt);
            if (afterSpace === i) throw new XmlSyntaxError(`the attributes of <${tag}> need a space between them.`, i);
            const attrName = name(afterSpace);
            let j = space(afterSpace + attrName.length);
            if (text[j] !== '=') throw new XmlSyntaxError(`the attribute ${attrName} of <${tag}> has no value.`, afterSpace);
            j = space(j + 1);
            const quote = text[j];
            if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`the value of the attribute ${attrName} of <${tag}> is not in quotes.`, j);
            const close = text.indexOf(quote, j + 1);
            if (close < 0) {
              more(text.length);
              throw new XmlSyntaxError(`the value of the attribute ${attrName} of <${tag}> is not closed.`, j);
            }
            const raw = text.slice(j + 1, close);
            if (raw.indexOf('<') >= 0) throw new XmlSyntaxError(`the value of the attribute ${attrName} of <${tag}> contains "<".`, j);
            if (seenSet ? seenSet.has(attrName) : seen?.includes(attrName)) throw new XmlSyntaxError(`the attribute ${attrName} is repeated in <${tag}>.`, afterSpace);
            if (seenSet) seenSet.add(attrName);
            else {
              (seen ??= []).push(attrName);
              if (seen.length > 16) seenSet = new Set(seen);
            }
            if (attrName !== 'xmlns' && !attrName.startsWith('xmlns:')) element[`@${localName(attrName)}`] = decode(raw);
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
          const selfClosing = text[i] === '/';
          if (!selfClosing && stack.length >= MAX_DEPTH) throw new XmlSyntaxError(`elements are nested more than ${MAX_DEPTH} deep.`, lt);
          if (parent) parent.parent = true;
          const handOver = this.handOver.size ? this.handedOver(local) : null;
          if (!handOver) attach(parent ? parent.element : this.top, tag, element);
          if (selfClosing) {
            element['#text'] = '';
            pos = i + 2;
            if (handOver) handOver.take(element, this.ancestors());
          } else {
            const { line, column } = this.where(this.base + lt);
            stack.push({ name: tag, line, column, element, text: '', parent: false, take: handOver?.take ?? null });
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
