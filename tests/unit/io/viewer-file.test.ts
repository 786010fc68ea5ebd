// @vitest-environment jsdom
// (for DOMParser: the test reads the page as a browser's HTML parser would; no script runs)
import { describe, expect, it } from 'vitest';
import { embedInViewer, jsonForScriptBlock, openPayload, readViewerPayload, VIEWER_DATA_ID, VIEWER_PLACEHOLDER } from '../../../src/io/viewer-file';
import { interactiveHtml } from '../../../src/state/interactive-html';
import { inlineSafe, inlineViewerPage } from '../../../build/viewer';
import { docOf, person, tie } from '../helpers/docs';

const HOSTILE = [
  '</script><script>window.pwned = 1</script>',
  '</SCRIPT ><img src=x onerror=alert(1)>',
  '<!-- <script>',
  'Tom $& $1 $` \u2028 \u2029 & "quoted" \\ back',
];

const TEMPLATE = `<!doctype html><html><head><meta charset="UTF-8" /></head><body><div id="root"></div>
${VIEWER_PLACEHOLDER}
<script type="module">/* viewer */</script>
</body></html>`;

function hostileDoc() {
  return docOf(
    HOSTILE.map((name, i) => person(`p${i}`, { name, notes: `notes ${name}`, title: name })),
    [tie('t1', 'p0', 'p1', 'influence', { note: '</script>' })],
    '</script><!-- map name',
  );
}

/** What a browser would parse: the scripts in the page and the text of the data block. */
function parse(html: string) {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const scripts = [...document.querySelectorAll('script')];
  return { scripts, data: document.getElementById(VIEWER_DATA_ID)?.textContent ?? null, images: document.querySelectorAll('img').length };
}

describe('the map inside the interactive HTML page', () => {
  it('hostile names cannot end the data block or add markup: the page keeps its two scripts and reads back every name exactly', () => {
    const doc = hostileDoc();
    const html = embedInViewer(TEMPLATE, openPayload(doc, false));
    expect(html).not.toMatch(/<\/script><script>window/i);
    expect(html.toLowerCase().split('</script').length - 1).toBe(2);
    expect(html).not.toContain('<!-- <script>');
    const page = parse(html);
    expect(page.scripts.map((s) => s.getAttribute('type'))).toEqual(['application/json', 'module']);
    expect(page.images).toBe(0);
    const read = readViewerPayload(page.data!);
    expect(read.kind).toBe('map');
    if (read.kind !== 'map' || !read.read.ok) throw new Error('not read');
    expect(Object.values(read.read.doc.stakeholders).map((s) => s.name).sort()).toEqual([...HOSTILE].sort());
    expect(read.read.doc.map.name).toBe('</script><!-- map name');
    expect(read.read.doc.ties.t1.note).toBe('</script>');
  });

  it('escapes <, >, &, U+2028 and U+2029 and nothing else (JSON.parse gives the same value back)', () => {
    const value = { a: '</script>', b: '<!--', c: 'a & b', d: '\u2028\u2029', e: 'plain ü' };
    const text = jsonForScriptBlock(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('plain ü');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('a `$` in the map does not disturb the page (no replacement patterns)', () => {
    const html = embedInViewer(TEMPLATE, openPayload(docOf([person('x', { name: "$' $& $$" })]), false));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const read = readViewerPayload(parse(html).data!);
    if (read.kind !== 'map' || !read.read.ok) throw new Error('not read');
    expect(read.read.doc.stakeholders.x.name).toBe("$' $& $$");
  });

  it('refuses a page without exactly one placeholder', () => {
    expect(() => embedInViewer('<html></html>', openPayload(hostileDoc(), false))).toThrow(/no single place/);
    expect(() => embedInViewer(TEMPLATE + VIEWER_PLACEHOLDER, openPayload(hostileDoc(), false))).toThrow(/no single place/);
  });

  it('reads an empty page, and reports damage in a sentence', () => {
    expect(readViewerPayload('null')).toEqual({ kind: 'empty' });
    expect(readViewerPayload('{').kind).toBe('error');
    expect(readViewerPayload('{"type":"other"}').kind).toBe('error');
    expect(readViewerPayload('{"type":"influence-map-viewer","version":1,"locked":{"salt":"!!"}}')).toMatchObject({ kind: 'error' });
  });

  it('a redacted page holds no name, note, tag or e-mail of the map', async () => {
    const doc = docOf([person('a', { name: 'Zelda Quartermain', notes: 'secret plan', tags: ['hushhush'], email: 'zq@example.com' }), person('b', { name: 'Yannick Ostrowski' })]);
    const html = await interactiveHtml(TEMPLATE, doc, { redacted: true });
    for (const word of ['Zelda', 'Quartermain', 'Yannick', 'Ostrowski', 'secret plan', 'hushhush', 'zq@example.com', '"a"', '"b"']) expect(html).not.toContain(word);
    const read = readViewerPayload(parse(html).data!);
    if (read.kind !== 'map' || !read.read.ok) throw new Error('not read');
    expect(read.redacted).toBe(true);
    expect(Object.values(read.read.doc.stakeholders).map((s) => s.name).sort()).toEqual(['YO', 'ZQ']);
  });

});

describe('the built viewer page (build/viewer.ts)', () => {
  const built = `<!doctype html><html><head><meta charset="UTF-8" /><script type="module" crossorigin src="./assets/viewer-1.js"></script><link rel="stylesheet" crossorigin href="./assets/viewer-1.css"></head><body>${VIEWER_PLACEHOLDER}</body></html>`;

  it('inlines the one script and the styles, hashes the script into a CSP that allows no request', () => {
    const code = 'const s = "</script>"; const c = "<!--"; console.log(s, c);';
    const page = inlineViewerPage(built, new Map([['assets/viewer-1.js', code]]), new Map([['assets/viewer-1.css', 'body{color:red}']]));
    expect(page).not.toMatch(/\bsrc="|\bhref="/);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)![1];
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; img-src data: blob:/);
    expect(csp).not.toMatch(/connect-src|unsafe-eval|script-src[^;]*unsafe-inline/);
    const dom = parse(page);
    expect(dom.scripts.map((s) => s.getAttribute('type'))).toEqual(['application/json', 'module']);
    // The script survives the HTML parser whole, and still means the same (\/ is /, \x21 is !).
    const inline = dom.scripts[1].textContent!;
    expect(inline).toBe(inlineSafe(code, 'script'));
    expect(new Function(`return [${inline.replace(/^const s = (.*); const c = (.*); console.*$/, '$1, $2')}]`)()).toEqual(['</script>', '<!--']);
  });

  it('refuses a page that would still load another file', () => {
    expect(() => inlineViewerPage(built.replace('</head>', '<img src="https://example.com/x.png"></head>'), new Map([['assets/viewer-1.js', '1']]), new Map([['assets/viewer-1.css', '']]))).toThrow(/another file/);
  });
});
