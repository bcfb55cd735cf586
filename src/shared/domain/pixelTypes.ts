/** Typed-array constructor of each voxel pixel type, by the name stored with volumes and sent over IPC. */
export const PIXEL_TYPE_ARRAYS = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export type PixelTypeName = keyof typeof PIXEL_TYPE_ARRAYS;
