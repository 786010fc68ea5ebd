/**
 * Pure PNG helpers: put text into a PNG and get it back (the map JSON rides in every exported
 * image, so the image can be re-opened), and plan a canvas size browsers can draw.
 *
 * Text goes in an uncompressed iTXt chunk (UTF-8, any length) placed just before IEND, with its
 * CRC-32. Reading also understands tEXt (Latin-1). Malformed PNGs give null, never an exception.
 */

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The keyword under which the map JSON is embedded. */
export const MAP_KEYWORD = 'influence-map';

/** Bytes as Latin-1 text (chunk types and keywords are short; a loop keeps spreads out of calls). */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

let crcTable: Uint32Array | null = null;

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface Chunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  data: Uint8Array;
}

/** The chunks of a PNG, or null when the bytes are not a well-formed PNG. */
export function readChunks(bytes: Uint8Array): Chunk[] | null {
  if (!isPng(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return null;
    const type = latin1(bytes.subarray(offset + 4, offset + 8));
    chunks.push({ type, offset, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') return chunks;
  }
  return null;
}

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function validKeyword(keyword: string): boolean {
  // PNG: 1-79 Latin-1 printable characters, no leading/trailing or double spaces.
  return /^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) && !/^ | $| {2}/.test(keyword);
}

/** The iTXt chunk (keyword -> uncompressed UTF-8 text), length and CRC included. */
export function makeTextChunk(keyword: string, text: string): Uint8Array {
  if (!validKeyword(keyword)) throw new Error(`"${keyword}" is not a valid PNG keyword.`);
  const key = new TextEncoder().encode(keyword);
  const body = new TextEncoder().encode(text);
  // keyword \0, compression flag 0, method 0, language "" \0, translated keyword "" \0, text
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set([0, 0, 0, 0, 0], key.length);
  data.set(body, key.length + 5);
  return makeChunk('iTXt', data);
}

/**
 * Returns a copy of the PNG with an iTXt chunk (keyword -> UTF-8 text) inserted before IEND.
 * Earlier text chunks with the same keyword are removed, so re-embedding replaces.
 * Throws only on a programming error (not a PNG, or a keyword PNG does not allow).
 */
export function embedText(pngBytes: Uint8Array, keyword: string, text: string): Uint8Array {
  if (!validKeyword(keyword)) throw new Error(`"${keyword}" is not a valid PNG keyword.`);
  const chunks = readChunks(pngBytes);
  if (!chunks) throw new Error('Not a valid PNG image.');
  const chunk = makeTextChunk(keyword, text);
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if ((c.type === 'iTXt' || c.type === 'tEXt') && keywordOf(c.data) === keyword) continue;
    if (c.type === 'IEND') parts.push(chunk);
    parts.push(pngBytes.subarray(c.offset, c.offset + 12 + c.data.length));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function keywordOf(data: Uint8Array): string {
  const zero = data.indexOf(0);
  return zero < 0 ? '' : latin1(data.subarray(0, Math.min(zero, 79)));
}

/** The text stored under `keyword` (iTXt uncompressed, or tEXt), or null. Never throws. */
export function extractText(pngBytes: Uint8Array, keyword: string): string | null {
  try {
    const chunks = readChunks(pngBytes);
    if (!chunks) return null;
    for (const c of chunks) {
      if (c.type !== 'iTXt' && c.type !== 'tEXt') continue;
      const zero = c.data.indexOf(0);
      if (zero < 0 || keywordOf(c.data) !== keyword) continue;
      if (c.type === 'tEXt') return new TextDecoder('latin1').decode(c.data.subarray(zero + 1));
      const compressed = c.data[zero + 1];
      if (compressed !== 0) continue; // we only write uncompressed text
      const langEnd = c.data.indexOf(0, zero + 3);
      if (langEnd < 0) continue;
      const transEnd = c.data.indexOf(0, langEnd + 1);
      if (transEnd < 0) continue;
      return new TextDecoder('utf-8').decode(c.data.subarray(transEnd + 1));
    }
    return null;
  } catch {
    return null;
  }
}

/** Safe everywhere we know of: Safari on iOS caps a canvas at about 16.7 million pixels. */
export const MAX_CANVAS_SIDE = 8192;
export const MAX_CANVAS_PIXELS = 16_777_216;

export interface ExportSize {
  /** Pixels per map unit actually used (may be below the requested ratio). */
  scale: number;
  width: number;
  height: number;
  scaledDown: boolean;
  /** A sentence for the user when the image was made smaller than asked, else null. */
  note: string | null;
}

/** The largest scale up to `pixelRatio` within 8,192 px a side and 16.7 million pixels. */
export function planExportSize(width: number, height: number, pixelRatio: number): ExportSize {
  const w = Number.isFinite(width) && width > 0 ? width : 1;
  const h = Number.isFinite(height) && height > 0 ? height : 1;
  const ratio = Number.isFinite(pixelRatio) && pixelRatio > 0 ? pixelRatio : 1;
  const limit = Math.min(MAX_CANVAS_SIDE / w, MAX_CANVAS_SIDE / h, Math.sqrt(MAX_CANVAS_PIXELS / (w * h)));
  let scale = Math.min(ratio, limit);
  // Whole pixels, and never over the limits after rounding.
  while (Math.ceil(w * scale) > MAX_CANVAS_SIDE || Math.ceil(h * scale) > MAX_CANVAS_SIDE || Math.ceil(w * scale) * Math.ceil(h * scale) > MAX_CANVAS_PIXELS) scale *= 0.999;
  const scaledDown = scale < ratio;
  const outW = Math.max(1, Math.ceil(w * scale));
  const outH = Math.max(1, Math.ceil(h * scale));
  const note = scaledDown
    ? `The map is too large for a ${ratio}x image (browsers cannot draw more than ${MAX_CANVAS_SIDE.toLocaleString('en-US')} pixels a side or about 16.7 million pixels), so it was exported at ${scale.toFixed(2)}x: ${outW.toLocaleString('en-US')} × ${outH.toLocaleString('en-US')} pixels.`
    : null;
  return { scale, width: outW, height: outH, scaledDown, note };
}
