/**
 * Decoder for compressed transfer syntaxes our native path does not handle (JPEG, JPEG Lossless,
 * JPEG-LS, JPEG 2000, HTJ2K): GDCM compiled to WebAssembly, through `@itk-wasm/image-io`.
 * GDCM applies the file's Rescale Slope/Intercept itself, so the values returned are modality
 * values (e.g. HU), not stored values.
 */
import { gdcmReadImageNode } from '@itk-wasm/image-io';
import { resolve } from 'node:path';

export interface ItkDecodedImage {
  /** Modality values (rescale already applied), x fastest then y then frame. */
  values: ArrayLike<number>;
  /** columns, rows, frames. */
  size: [number, number, number];
}

/**
 * Decodes a whole (possibly multi-frame) DICOM file with GDCM. itk-wasm mounts the file's
 * directory, so the path is made absolute first.
 * @throws naming the path when GDCM cannot read it.
 */
export async function decodeWithItk(path: string): Promise<ItkDecodedImage> {
  const absolute = resolve(path);
  let result;
  try {
    result = await gdcmReadImageNode(absolute);
  } catch (e) {
    throw new Error(`${path}: compressed pixel data could not be decoded by GDCM: ${(e as Error).message}`);
  }
  const image = result.image;
  if (!result.couldRead || !image?.data) throw new Error(`${path}: compressed pixel data could not be decoded by GDCM`);
  if (image.imageType.components !== 1) throw new Error(`${path}: ${image.imageType.components}-component image; only grey images are supported`);
  const size = image.size;
  return { values: image.data as ArrayLike<number>, size: [size[0], size[1], size[2] ?? 1] };
}
