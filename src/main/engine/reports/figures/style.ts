/**
 * The one publication style of every report figure: Okabe–Ito colours (distinguishable with the common
 * colour-vision deficiencies; Okabe & Ito 2008, "Color Universal Design"), dash patterns as a second cue,
 * DejaVu Sans text no smaller than 7 pt at print size, thin axes.
 */
import { el, escapeXml, FigureInputError, num } from './svg';
import { needsCjkFont } from './textMetrics';

/** The eight Okabe–Ito colours. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Series colours in order of use (yellow last: it is faint on white). */
export const SERIES_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Dash patterns paired with the series colours, so series stay apart in greyscale prints. */
export const SERIES_DASHES = [undefined, '4 2', '1.5 1.5', '6 2 1.5 2', '3 3', '8 3', '2 4', '5 1'];

/** Reference lines (chance diagonal, ideal calibration, treat-none). */
export const REFERENCE_GREY = '#7f7f7f';

/** Font sizes in points; nothing in a figure is smaller than {@link FONT.minimum}. */
export const FONT = {
  minimum: 7,
  tick: 7,
  legend: 7,
  annotation: 7,
  axisLabel: 8,
  title: 8.5,
  panelLabel: 9,
} as const;

/** Stroke widths, points. */
export const LINE = {
  axis: 0.6,
  tick: 0.6,
  grid: 0.4,
  data: 1.3,
  reference: 0.8,
} as const;

/** Length of axis tick marks, points. */
export const TICK_LENGTH = 3;

/** Font family attribute for the bundled fonts; CJK text uses the bundled CJK face. */
export const FONT_FAMILY = 'DejaVu Sans';
/** Font family attribute of text with CJK characters. */
export const CJK_FONT_FAMILY = 'WenQuanYi Micro Hei';

/** Colour and dash of series `k`. */
export function seriesStyle(k: number): { colour: string; dash: string | undefined } {
  return { colour: SERIES_COLOURS[k % SERIES_COLOURS.length], dash: SERIES_DASHES[k % SERIES_DASHES.length] };
}

/** Options of {@link text}. */
export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  fill?: string;
  /** Rotation in degrees about (x, y), e.g. −90 for a y-axis label. */
  rotate?: number;
  /** Vertical placement of (x, y): the baseline (default), the middle or the top of the capitals. */
  align?: 'baseline' | 'middle' | 'top';
  italic?: boolean;
}

/**
 * A text element. Vertical alignment shifts the baseline with `dy` (0.35 em for middle, 0.72 em for the top
 * of the capitals) rather than `dominant-baseline`, which PDF converters do not all honour.
 */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const size = o.size ?? FONT.tick;
  if (size < FONT.minimum) throw new FigureInputError(`figure text of ${size} pt is below the ${FONT.minimum} pt minimum`);
  const shift = o.align === 'middle' ? 0.35 * size : o.align === 'top' ? 0.72 * size : 0;
  return el(
    'text',
    {
      x,
      y,
      dy: shift || undefined,
      transform: o.rotate ? `rotate(${num(o.rotate)} ${num(x)} ${num(y)})` : undefined,
      'font-size': size,
      'text-anchor': o.anchor && o.anchor !== 'start' ? o.anchor : undefined,
      'font-weight': o.bold ? 'bold' : undefined,
      'font-style': o.italic ? 'italic' : undefined,
      fill: o.fill,
      'font-family': needsCjkFont(content) ? CJK_FONT_FAMILY : undefined,
    },
    escapeXml(content),
  );
}

/** Root attributes shared by every figure (font family, default text colour). */
export function rootStyle(body: readonly string[]): string {
  return el('g', { 'font-family': FONT_FAMILY, fill: '#000000' }, ...body);
}
