/**
 * A minimal SVG writer for report figures. Every coordinate goes through {@link num}, which refuses NaN and
 * ±Infinity, so a figure either has finite coordinates everywhere or fails with a message naming the value.
 * User units are PostScript points (1/72 in) at print size: a figure 252 units wide prints 3.5 in wide.
 */

/** Input that cannot be drawn (empty series, non-finite value, mismatched lengths). */
export class FigureInputError extends Error {
  override name = 'FigureInputError';
}

/** A coordinate or length as SVG text: at most two decimals, no exponent, no "-0". */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new FigureInputError(`figure coordinate is ${v}`);
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** Escapes text for SVG character data and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export type AttrValue = string | number | undefined;

/** Attribute text: numbers via {@link num}, undefined attributes left out. */
export function attrs(a: Record<string, AttrValue>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`;
  }
  return out;
}

/** One element; with no children it is self-closing. Children are already-serialised SVG. */
export function el(tag: string, a: Record<string, AttrValue> = {}, ...children: string[]): string {
  const body = children.join('');
  return body.length ? `<${tag}${attrs(a)}>${body}</${tag}>` : `<${tag}${attrs(a)}/>`;
}

/** Path data of a polyline through the points (M x0 y0 L x1 y1 …). */
export function polylinePath(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  if (xs.length !== ys.length) throw new FigureInputError(`polyline: ${xs.length} x values for ${ys.length} y values`);
  if (xs.length === 0) throw new FigureInputError('polyline: no points');
  let d = `M${num(xs[0])} ${num(ys[0])}`;
  for (let i = 1; i < xs.length; i++) d += `L${num(xs[i])} ${num(ys[i])}`;
  return d;
}

/** Path data of a closed polygon. */
export function polygonPath(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  return `${polylinePath(xs, ys)}Z`;
}

/** A drawn figure: a standalone SVG document and its print size in points. */
export interface Figure {
  /** Stable identifier (file name stem on export), e.g. `roc`. */
  id: string;
  /** Short title (used for the caption and the SVG `<title>`). */
  title: string;
  width: number;
  height: number;
  svg: string;
}

/**
 * A complete SVG document of `width` × `height` points. The `width`/`height` attributes carry the `pt`
 * unit so viewers show it at print size; the viewBox is in points as well.
 */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width)}pt" height="${num(height)}pt" ` +
    `viewBox="0 0 ${num(width)} ${num(height)}">` +
    `<title>${escapeXml(title)}</title>` +
    body.join('') +
    '</svg>'
  );
}
