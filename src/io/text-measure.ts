/**
 * Text widths for laying out exported cards. In a browser (main thread or worker) the canvas
 * measures with the real font; elsewhere (Node tests) `estimateTextWidth` approximates a
 * typical sans-serif from per-character advances, erring wide so a layout checked in Node does
 * not overflow in a browser either.
 */

export interface TextStyle {
  size: number;
  /** CSS font weight (400 regular, 600 semibold, 700 bold). */
  weight: number;
}

export type MeasureText = (text: string, style: TextStyle) => number;

// Advances in thousandths of an em (Helvetica/Arial metrics), for ASCII 32..126.
const ADVANCES = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];

/** Approximate width in px; wide (CJK) characters count one em, other non-ASCII 0.6 em. */
export function estimateTextWidth(text: string, style: TextStyle): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code <= 126) units += ADVANCES[code - 32];
    else if (ch === '…') units += 1000;
    else if (code >= 0x2e80) units += 1000;
    else units += 600;
  }
  // Bold is about 8% wider; system fonts (DejaVu Sans, Segoe UI) run up to ~12% wider than Arial.
  const weight = style.weight >= 600 ? 1.08 : 1;
  return (units / 1000) * style.size * weight * 1.12;
}

/**
 * Measures with a canvas where one exists (OffscreenCanvas: browsers' main thread and
 * workers), otherwise estimates. `font` is the CSS font-family list the text is drawn in.
 */
export function createTextMeasurer(font: string): MeasureText {
  let ctx: OffscreenCanvasRenderingContext2D | null = null;
  try {
    if (typeof OffscreenCanvas !== 'undefined') ctx = new OffscreenCanvas(1, 1).getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx) return estimateTextWidth;
  const context = ctx;
  let current = '';
  return (text, style) => {
    const css = `${style.weight} ${style.size}px ${font}`;
    if (css !== current) context.font = current = css;
    return context.measureText(text).width;
  };
}

/**
 * `text` (whitespace collapsed) cut to fit `maxWidth`, ending in an ellipsis when cut; '' when
 * not even the ellipsis fits.
 */
export function fitText(text: string, maxWidth: number, style: TextStyle, measure: MeasureText): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measure(clean, style) <= maxWidth) return clean;
  const chars = [...clean];
  // The longest prefix that fits with the ellipsis (binary search: widths grow with length).
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`, style) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return measure('…', style) <= maxWidth ? '…' : '';
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
