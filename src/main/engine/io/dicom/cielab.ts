/**
 * Conversion between DICOM's scaled CIELab colours (PS3.3 C.10.7.1.1: L* 0–100 → 0–65535,
 * a*, b* −128–127 → 0–65535) and 8-bit sRGB, through CIE XYZ with the D65 white point
 * (Xn, Yn, Zn) = (0.95047, 1, 1.08883), the sRGB transfer curve, and the 4-decimal sRGB↔XYZ
 * matrices and 0.008856 / 7.787 Lab constants of the widely used EasyRGB formulas. These are the
 * numbers dcmqi (and so Slicer) uses: its sample stores RGB (221, 130, 101) as CIELab
 * (41661, 41167, 40792), which this module reproduces exactly in both directions (the 7-decimal
 * IEC matrices would give (41663, 41166, 40794)).
 */

const WHITE = [0.95047, 1, 1.08883];
const EPSILON = 0.008856;
const KAPPA = 7.787;

const XYZ_TO_RGB = [
  [3.2406, -1.5372, -0.4986],
  [-0.9689, 1.8758, 0.0415],
  [0.0557, -0.204, 1.057],
];
const RGB_TO_XYZ = [
  [0.4124, 0.3576, 0.1805],
  [0.2126, 0.7152, 0.0722],
  [0.0193, 0.1192, 0.9505],
];

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** sRGB (0–255 per channel) of a DICOM scaled CIELab triple. */
export function dicomLabToRgb(lab: [number, number, number]): [number, number, number] {
  const L = (lab[0] / 65535) * 100;
  const a = (lab[1] / 65535) * 255 - 128;
  const b = (lab[2] / 65535) * 255 - 128;
  const fy = (L + 16) / 116;
  const f = [fy + a / 500, fy, fy - b / 200];
  const xyz = f.map((t, k) => WHITE[k] * (t ** 3 > EPSILON ? t ** 3 : (t - 16 / 116) / KAPPA));
  return XYZ_TO_RGB.map((row) => {
    const linear = clamp01(row[0] * xyz[0] + row[1] * xyz[1] + row[2] * xyz[2]);
    const encoded = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
    return Math.round(255 * encoded);
  }) as [number, number, number];
}

/** DICOM scaled CIELab triple of an sRGB colour (0–255 per channel). */
export function rgbToDicomLab(rgb: [number, number, number]): [number, number, number] {
  const linear = rgb.map((v) => {
    const c = clamp01(v / 255);
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const f = RGB_TO_XYZ.map((row, k) => {
    const t = (row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2]) / WHITE[k];
    return t > EPSILON ? Math.cbrt(t) : KAPPA * t + 16 / 116;
  });
  const L = 116 * f[1] - 16;
  const a = 500 * (f[0] - f[1]);
  const b = 200 * (f[1] - f[2]);
  const scale = (v: number, lo: number, hi: number): number => Math.round((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo) * 65535);
  return [scale(L, 0, 100), scale(a, -128, 127), scale(b, -128, 127)];
}
