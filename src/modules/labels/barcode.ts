/**
 * Code 128 for the tracking number. bwip-js encodes (choosing code sets B/C as the data needs);
 * each renderer draws the bars itself, as vectors in a PDF and on whole pixels in a PNG, so
 * no raster image and no SVG parsing sits in the hot path.
 */
import bwipjs from 'bwip-js';

/** Quiet zone each side, in modules: ISO/IEC 15417 asks for at least 10. */
export const QUIET_ZONE_MODULES = 10;

export interface Code128 {
  /** Alternating bar and space widths in modules, starting and ending with a bar. */
  widths: number[];
  /** Total width in modules, without the quiet zones. */
  modules: number;
}

export function code128(data: string): Code128 {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text: data }) as Array<{ sbs?: number[] }>;
  const widths = symbol?.sbs;
  if (!widths || widths.length === 0) throw new Error(`bwip-js returned no Code 128 for "${data}"`);
  return { widths, modules: widths.reduce((a, b) => a + b, 0) };
}

/** The bars as [start, width] pairs in modules from the symbol's left edge. */
export function bars(symbol: Code128): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let x = 0;
  symbol.widths.forEach((w, i) => {
    if (i % 2 === 0) out.push([x, w]);
    x += w;
  });
  return out;
}
