/**
 * A binary grid in numpy (C) order: the last axis varies fastest. For a 3-D grid `shape` is
 * (z, y, x), for a 2-D grid (rows, columns). Values are 1 inside the ROI and 0 outside.
 */
export interface BinaryGrid {
  data: Uint8Array;
  shape: readonly number[];
}

/**
 * Pads a binary mask with one layer of zeros on every side of every axis, as pyradiomics does before
 * meshing (`shape.py`: SimpleITK `ConstantPadImageFilter` with bounds 1; `shape2D.py`: `numpy.pad`
 * with `pad_width=1`). The padding keeps every mesh closed and every cube inside the array.
 *
 * @param mask nonzero = inside; any nonzero value is stored as 1.
 * @param shape the mask's shape in numpy order (last axis fastest).
 */
export function padWithZeros(mask: ArrayLike<number>, shape: readonly number[]): BinaryGrid {
  const n = shape.length;
  const padded = shape.map((s) => s + 2);
  const stride = new Array<number>(n).fill(1);
  for (let d = n - 2; d >= 0; d--) stride[d] = stride[d + 1]! * padded[d + 1]!;
  const out = new Uint8Array(padded.reduce((a, b) => a * b, 1));
  const rowLength = shape[n - 1]!;
  const rows = shape.slice(0, n - 1).reduce((a, b) => a * b, 1);
  const index = new Array<number>(n - 1).fill(0);
  for (let r = 0; r < rows; r++) {
    let dst = 1;
    for (let d = 0; d < n - 1; d++) dst += (index[d]! + 1) * stride[d]!;
    const src = r * rowLength;
    for (let i = 0; i < rowLength; i++) out[dst + i] = mask[src + i] ? 1 : 0;
    for (let d = n - 2; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return { data: out, shape: padded };
}
