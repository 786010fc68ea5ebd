/**
 * Browser only (canvas, Image, Blob): turns the SVG from svg-render.ts into a PNG and embeds the
 * map in it. Not unit-tested in Node; the browser tests cover it.
 */
import type { MapDocument } from '../domain/types';
import { exportMapJson, redactDocument } from './map-file';
import { MAP_KEYWORD, embedText, planExportSize } from './png';
import type { ExportSize } from './png';
import { renderMapSvgSized } from './svg-render';
import type { SvgOptions } from './svg-render';

/** Draws an SVG string (width x height map units) into a canvas at `ratio` and returns a PNG blob. */
export async function svgToPngBlob(svg: string, width: number, height: number, ratio: number): Promise<{ blob: Blob; size: ExportSize }> {
  const size = planExportSize(width, height, ratio);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The map image could not be drawn.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw images (no 2D canvas).');
    context.drawImage(image, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The browser could not make a PNG of this size.');
    return { blob, size };
  } finally {
    URL.revokeObjectURL(url);
  }
}

export interface PngExportOptions extends SvgOptions {
  /** 1, 2 or 3 (pixel density). */
  ratio?: number;
}

/**
 * The whole map as a PNG with the map JSON embedded (the redacted map when `redacted`), so the
 * image re-opens as a map. Returns the note to show when the image had to be scaled down.
 */
export async function exportMapPng(doc: MapDocument, options: PngExportOptions = {}): Promise<{ blob: Blob; note: string | null }> {
  const rendered = renderMapSvgSized(doc, { ...options, scale: 1 });
  const { blob, size } = await svgToPngBlob(rendered.svg, rendered.width, rendered.height, options.ratio ?? 2);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const json = exportMapJson(options.redacted ? redactDocument(doc) : doc);
  const withMap = embedText(bytes, MAP_KEYWORD, json);
  return { blob: new Blob([withMap as BlobPart], { type: 'image/png' }), note: size.note };
}
