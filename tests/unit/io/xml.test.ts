import { describe, expect, it } from 'vitest';
import { child, children, parseXml } from '../../../src/io/xml';

const root = (xml: string) => {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('parseXml', () => {
  it('gives attributes as @name, text as #text, drops prefixes and xmlns declarations', () => {
    const r = root('<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x "y">]>\n<g xmlns="u" xmlns:viz="v"><viz:position x="1" viz:y=\'2\'/><title> Hello  world </title></g>');
    expect(r.rootName).toBe('g');
    expect(r.root).toEqual({ position: { '@x': '1', '@y': '2', '#text': '' }, title: { '#text': 'Hello  world' } });
  });

  it('repeats become arrays; graph elements are always arrays', () => {
    const r = root('<a><b>1</b><b>2</b><node id="n"/><c/></a>');
    expect(r.root.b).toEqual([{ '#text': '1' }, { '#text': '2' }]);
    expect(r.root.node).toEqual([{ '@id': 'n', '#text': '' }]);
    expect(r.root.c).toEqual({ '#text': '' });
    expect(r.root['#text']).toBeUndefined();
  });

  it('decodes entities and character references; CDATA is text; comments are skipped', () => {
    const r = root('<a t="&lt;&amp;&quot;&apos;&#233;&#x41;">&lt;x&gt; caf&#xe9;<!-- no --><![CDATA[ <b>&amp; ]]></a>');
    expect(r.root['@t']).toBe('<&"\'éA');
    expect(r.root['#text']).toBe('<x> café <b>&amp; ');
  });

  it('never lets an element named __proto__ reach the prototype', () => {
    const r = root('<a><__proto__ polluted="yes"/></a>');
    expect(({} as Record<string, unknown>)['@polluted']).toBeUndefined();
    // Elements have no prototype, so such a name is just a child like any other.
    expect(Object.getPrototypeOf(r.root)).toBeNull();
    expect(Object.hasOwn(r.root, '__proto__')).toBe(true);
  });

  it('reads elements named like Object.prototype members as elements (constructor, toString)', () => {
    const r = root('<a><constructor x="1"/><constructor x="2"/><toString/></a>');
    expect(children(r.root, 'constructor').map((c) => c['@x'])).toEqual(['1', '2']);
    expect(children(r.root, 'toString')).toHaveLength(1);
  });

  it('reads 300,000 attributes on one element in linear time (issue 16 item 13)', () => {
    const attrs: string[] = [];
    for (let i = 0; i < 300_000; i++) attrs.push(`a${i}="${i}"`);
    const started = performance.now();
    const r = root(`<a><b ${attrs.join(' ')}/></a>`);
    expect(performance.now() - started).toBeLessThan(15_000); // was 110 s
    expect(child(r.root, 'b')?.['@a299999']).toBe('299999');
    // A repeat is still found past the first few.
    expect(parseXml(`<a ${attrs.slice(0, 100).join(' ')} a50="x"/>`)).toMatchObject({ ok: false, error: expect.stringMatching(/a50 is repeated/) });
  }, 60_000);

  it('reports the first problem with its line and column', () => {
    const cases: [string, RegExp][] = [
      ['<gexf><graph>\n<node id="a">\n</graph>', /line 3, column 1: expected the closing tag <\/node> \(opened at line 2, column 1\)/],
      ['<a>\n  <b x=1/></a>', /line 2, column 8: .*not in quotes/],
      ['<a b="1" b="2"/>', /line 1, column 10: the attribute b is repeated/],
      ['<a>\n<b>', /line 2, column 1: the tag <b> is never closed/],
      ['</a>', /closing tag <\/a> has no matching opening tag/],
      ['<a><!-- open', /comment/],
      ['hello', /text outside the root element/],
    ];
    for (const [xml, message] of cases) {
      const r = parseXml(xml);
      expect(r.ok, xml).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^The XML is malformed at line \d+, column \d+: /);
      if (!r.ok) expect(r.error, xml).toMatch(message);
    }
    expect(parseXml('')).toEqual({ ok: false, error: 'The XML has no root element.' });
  });

  it('refuses nesting deeper than 500 elements without overflowing the stack', () => {
    const deep = `${'<a>'.repeat(600)}${'</a>'.repeat(600)}`;
    expect(parseXml(deep)).toMatchObject({ ok: false, error: expect.stringMatching(/nested more than 500 deep/) });
  });
});
