/**
 * XML reading for GraphML and GEXF with fast-xml-parser (pure JS: works in a Web Worker and in
 * Node, where there is no DOMParser). Elements come back as plain objects: attributes under
 * "@name", text under "#text", namespace prefixes removed (viz:position -> position), and the
 * repeating elements we care about always as arrays.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlElement = Record<string, unknown>;

const ALWAYS_ARRAY = new Set(['key', 'graph', 'node', 'edge', 'data', 'attributes', 'attribute', 'attvalue', 'nodes', 'edges', 'hyperedge']);

export function parseXml(text: string): { ok: true; root: XmlElement; rootName: string } | { ok: false; error: string } {
  try {
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
      return { ok: false, error: `The XML is malformed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
    }
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      textNodeName: '#text',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      alwaysCreateTextNode: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: 500,
      isArray: (name) => ALWAYS_ARRAY.has(name),
    });
    const doc = parser.parse(text) as XmlElement;
    const rootName = Object.keys(doc).find((k) => !k.startsWith('#') && !k.startsWith('?') && !k.startsWith('!'));
    if (!rootName) return { ok: false, error: 'The XML has no root element.' };
    const root = doc[rootName];
    const element = Array.isArray(root) ? root[0] : root;
    return { ok: true, root: isElement(element) ? element : {}, rootName };
  } catch (error) {
    return { ok: false, error: `The XML could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
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
