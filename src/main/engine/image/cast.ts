/**
 * Pixel-type conversion of interpolated values as ITK's `ResampleImageFilter` does it
 * (`CastPixelWithBoundsChecking`): clamp the double to the output type's [min, max], then C++
 * `static_cast`, i.e. truncation toward zero for integer types (−12.7 → −12), float32 rounding for
 * float, nothing for double.
 */
import type { VoxelArray } from './volume';

const RANGES: [new (n: number) => VoxelArray, number, number][] = [
  [Int8Array, -128, 127],
  [Uint8Array, 0, 255],
  [Int16Array, -32768, 32767],
  [Uint16Array, 0, 65535],
  [Int32Array, -2147483648, 2147483647],
  [Uint32Array, 0, 4294967295],
];

/** A converter from interpolated doubles to the stored value of `like`'s pixel type. */
export function castFor(like: VoxelArray): (v: number) => number {
  if (like instanceof Float64Array) return (v) => v;
  if (like instanceof Float32Array) return (v) => Math.fround(v);
  const range = RANGES.find(([C]) => like instanceof C)!;
  const [, lo, hi] = range;
  return (v) => Math.trunc(v < lo ? lo : v > hi ? hi : v);
}
