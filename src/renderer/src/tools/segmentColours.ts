/** Distinct segment colours (RGB 0–255), by label; label 1 (tumour) is a saturated green. */
const PALETTE: [number, number, number][] = [
  [44, 211, 102],
  [255, 96, 64],
  [74, 144, 255],
  [255, 204, 0],
  [200, 90, 255],
  [0, 214, 214],
  [255, 120, 190],
  [160, 110, 60],
];

export function segmentColour(label: number): [number, number, number] {
  return PALETTE[(label - 1) % PALETTE.length];
}

export function cssColour(label: number): string {
  const [r, g, b] = segmentColour(label);
  return `rgb(${r}, ${g}, ${b})`;
}
