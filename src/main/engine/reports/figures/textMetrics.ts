/**
 * Advance widths of the bundled report font (DejaVu Sans 2.37, `assets/fonts/DejaVuSans*.ttf`), in 1/1000 em,
 * for laying out figure text (legend boxes, label clearance) without loading the font. Values are the
 * fonts' `hmtx` advances scaled to 1000 units per em and rounded; a unit test checks them against the font
 * files through pdfkit.
 */

/** U+0020 … U+007E, regular. */
const REGULAR_ASCII = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838,
  838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
  337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
  525, 636, 337, 636, 838,
];

/** U+0020 … U+007E, bold. */
const BOLD_ASCII = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838,
  838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
  365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
  582, 712, 365, 712, 838,
];

/** A few symbols used in figure text: [regular, bold]. */
const SYMBOLS: Record<string, [number, number]> = {
  '–': [500, 500],
  '—': [1000, 1000],
  '−': [838, 838],
  '±': [838, 838],
  '×': [838, 838],
  '≤': [838, 838],
  '≥': [838, 838],
  '·': [318, 380],
  '…': [1000, 1000],
  α: [659, 687],
  β: [638, 716],
  λ: [592, 633],
  '²': [401, 438],
  '³': [401, 438],
  '°': [500, 500],
  µ: [636, 736],
  '≈': [838, 838],
};

/** Width used for any other character: a full em for CJK ideographs and fullwidth forms, else a wide Latin glyph. */
function fallbackWidth(code: number): number {
  return isCjkCharacter(code) ? 1000 : 700;
}

/** Advance width of `s` at `size` points in DejaVu Sans (bold when `bold`), in points; no kerning. */
export function textWidth(s: string, size: number, bold = false): number {
  const table = bold ? BOLD_ASCII : REGULAR_ASCII;
  let units = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x20 && code <= 0x7e) units += table[code - 0x20];
    else if (SYMBOLS[ch]) units += SYMBOLS[ch][bold ? 1 : 0];
    else units += fallbackWidth(code);
  }
  return (units * size) / 1000;
}

/** True for CJK ideographs, kana, Hangul, CJK punctuation and fullwidth forms (characters DejaVu Sans lacks). */
export function isCjkCharacter(code: number): boolean {
  return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xffef) || code >= 0x20000;
}

/** True when `s` has a character that needs the CJK font. */
export function needsCjkFont(s: string): boolean {
  for (const ch of s) if (isCjkCharacter(ch.codePointAt(0) as number)) return true;
  return false;
}
