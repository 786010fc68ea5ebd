import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createStakeholder, createTie } from '../../../src/domain/factories';
import { createMapDocument } from '../../../src/domain/factories';
import type { MapDocument } from '../../../src/domain/types';
import { parseXml } from '../../../src/io/xml';
import { MAP_KEYWORD, crc32, embedText, extractText, planExportSize, readChunks } from '../../../src/io/png';
import { PALETTE, renderMapSvg, renderMapSvgSized } from '../../../src/io/svg-render';
import { sampleDoc } from './helpers';

function bigDoc(count: number): MapDocument {
  const doc = createMapDocument('Big');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = createStakeholder({ name: `Person ${i}`, title: 'Engineer', department: `Dept ${i % 12}`, x: (i % 50) * 250, y: Math.floor(i / 50) * 160, influence: (i % 5) + 1, stance: (['champion', 'blocker', 'neutral'] as const)[i % 3] });
    doc.stakeholders[s.id] = s;
    ids.push(s.id);
  }
  for (let i = 1; i < count; i++) {
    const t = createTie(ids[i], ids[Math.floor((i - 1) / 5)], i % 4 === 0 ? 'influence' : 'reports-to');
    doc.ties[t.id] = t;
  }
  return doc;
}

describe('SVG render', () => {
  it('is well-formed XML and escapes every piece of user text', () => {
    const svg = renderMapSvg(sampleDoc());
    expect(parseXml(svg).ok).toBe(true);
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<plan>');
    expect(svg).toContain('&lt;img src=x');
    expect(svg).toContain('Q3 &quot;launch&quot; &lt;plan&gt; &amp; co');
  });

  it('redacted: initials, no full names, no notes', () => {
    const doc = sampleDoc();
    const svg = renderMapSvg(doc, { redacted: true });
    for (const s of Object.values(doc.stakeholders)) {
      if (s.name.length > 3) expect(svg).not.toContain(s.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;'));
      if (s.notes) expect(svg).not.toContain(s.notes.slice(0, 8));
    }
    expect(svg).not.toContain('Myself');
    expect(svg).not.toContain('onerror');
    expect(svg).toContain('>MM<');
    expect(svg).toContain('Product lead');
  });

  it('never draws notes even unredacted', () => {
    expect(renderMapSvg(sampleDoc())).not.toContain('Line one');
  });

  it('fits all cards with a margin, draws title, legend, and edges by kind', () => {
    const { svg, width, height } = renderMapSvgSized(sampleDoc(), { scale: 2 });
    expect(svg).toContain(`width="${width * 2}" height="${height * 2}" viewBox="0 0 ${width} ${height}"`);
    // x from -350.5 to 800 + 204 wide: content 1354.5 + 80 margin
    expect(width).toBe(Math.ceil(800 + 204 - -350.5 + 80));
    expect(svg).toContain('stroke-dasharray'); // trust
    expect(svg).toContain(`stroke="${PALETTE.light.tie.tension}"`);
    expect(svg).toContain('marker-end="url(#arrow-reports-to)"');
    expect(svg).not.toContain('marker-start='); // a mutual tie has no arrowheads (palette.ts tieArrows)
    expect(svg).toContain('Reports to');
    expect(svg).toContain('Champion');
  });

  it('supports dark and transparent backgrounds', () => {
    expect(renderMapSvg(sampleDoc(), { background: 'dark' })).toContain(`fill="${PALETTE.dark.canvas}"`);
    const { svg, width, height } = renderMapSvgSized(sampleDoc(), { background: 'transparent' });
    expect(svg).not.toContain(`<rect width="${width}" height="${height}"`);
    expect(renderMapSvg(sampleDoc())).toContain(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  });

  it('renders an empty map', () => {
    expect(renderMapSvg(createMapDocument('Nothing'))).toContain('no people yet');
  });

  it('renders 2,000 people (timed in npm run bench)', () => {
    const doc = bigDoc(2000);
    const svg = renderMapSvg(doc);
    expect(svg.match(/<g[^>]* transform="translate/g)!.length).toBe(2002); // cards + the map group + the legend
  });
});

function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 2);
  v.setUint32(4, 2);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = new Uint8Array([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('PNG chunks', () => {
  it('CRC-32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('embeds UTF-8 text before IEND with a correct CRC, and reads it back', () => {
    const png = tinyPng();
    const text = '{"name":"Zoë <3> 李"}';
    const out = embedText(png, MAP_KEYWORD, text);
    const chunks = readChunks(out)!;
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    const itxt = chunks[2];
    const stored = new DataView(out.buffer, out.byteOffset).getUint32(itxt.offset + 8 + itxt.data.length);
    expect(stored).toBe(crc32(out, itxt.offset + 4, itxt.offset + 8 + itxt.data.length));
    expect(extractText(out, MAP_KEYWORD)).toBe(text);
    expect(extractText(out, 'other')).toBeNull();
    expect(extractText(png, MAP_KEYWORD)).toBeNull();
    // Re-embedding replaces rather than piling up.
    const again = embedText(out, MAP_KEYWORD, 'second');
    expect(readChunks(again)!.filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractText(again, MAP_KEYWORD)).toBe('second');
    // The image data is untouched.
    expect(chunks[1].data).toEqual(readChunks(png)![1].data);
  });

  it('never throws on damaged PNGs when extracting', () => {
    const out = embedText(tinyPng(), MAP_KEYWORD, 'x');
    for (let cut = 0; cut < out.length; cut += 7) expect(() => extractText(out.subarray(0, cut), MAP_KEYWORD)).not.toThrow();
    expect(extractText(new Uint8Array([1, 2, 3]), MAP_KEYWORD)).toBeNull();
  });

  it('refuses bad keywords and non-PNGs when embedding', () => {
    expect(() => embedText(tinyPng(), '', 'x')).toThrow();
    expect(() => embedText(new Uint8Array(10), MAP_KEYWORD, 'x')).toThrow();
  });
});

describe('planExportSize', () => {
  it('keeps the asked ratio when it fits', () => {
    expect(planExportSize(1000, 800, 2)).toEqual({ scale: 2, width: 2000, height: 1600, scaledDown: false, note: null });
  });
  it('keeps within 8,192 px a side', () => {
    const plan = planExportSize(6000, 500, 3);
    expect(plan.width).toBeLessThanOrEqual(8192);
    expect(plan.scaledDown).toBe(true);
    expect(plan.note).toMatch(/too large for a 3x image/);
  });
  it('keeps within 16.7 million pixels', () => {
    const plan = planExportSize(5000, 5000, 2);
    expect(plan.width * plan.height).toBeLessThanOrEqual(16_777_216);
    expect(plan.width).toBeGreaterThan(4000);
  });
  it('survives silly input', () => {
    expect(planExportSize(0, NaN, -1).width).toBeGreaterThan(0);
  });
});
