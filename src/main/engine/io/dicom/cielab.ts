/**
 * Conversion between DICOM's scaled CIELab colours (PS3.3 C.10.7.1.1: L* 0–100 → 0–65535,
 * a*, b* −128–127 → 0–65535) and 8-bit sRGB, through CIE XYZ with the D65 white point
 * (Xn, Yn, Zn) = (0.95047, 1, 1.08883) and the IEC 61966-2-1 sRGB matrices and transfer curve.
 * This is the convention dcmqi and Slicer use: dcmqi's sample stores RGB (221, 130, 101) as
 * CIELab (41661, 41167, 40792), which this module reproduces in both directions.
 */

const WHITE = [0.95047, 1, 1.08883];
const DELTA = 6 / 29;

const XYZ_TO_RGB = [
  [3.2404542, -1.5371385, -0.4985314],
  [-0.969266, 1.8760108, 0.041556],
  [0.0556434, -0.2040259, 1.0572252],
];
const RGB_TO_XYZ = [
  [0.4124564, 0.3575761, 0.1804375],
  [0.2126729, 0.7151522, 0.072175],
  [0.0193339, 0.119192, 0.9503041],
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
  const xyz = f.map((t, k) => WHITE[k] * (t > DELTA ? t ** 3 : 3 * DELTA * DELTA * (t - 4 / 29)));
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
    return t > DELTA ** 3 ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4 / 29;
  });
  const L = 116 * f[1] - 16;
  const a = 500 * (f[0] - f[1]);
  const b = 200 * (f[1] - f[2]);
  const scale = (v: number, lo: number, hi: number): number => Math.round((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo) * 65535);
  return [scale(L, 0, 100), scale(a, -128, 127), scale(b, -128, 127)];
}
