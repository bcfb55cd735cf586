/**
 * Format dispatch for image files: `.nrrd`/`.nhdr` → {@link readNrrdChannels},
 * `.nii`/`.nii.gz`/`.hdr` → {@link readNiftiChannels}. This is the loader the radiomics extractor uses
 * (pyradiomics reads through SimpleITK's `ReadImage`).
 */
import { statSync } from 'node:fs';
import type { Volume } from '../image/volume';
import { ImageReadError } from './imageReadError';
import { readNiftiChannels } from './nifti';
import { readNrrdChannels } from './nrrd';

/** Read every component of an image file (scalar images give one Volume). */
export function readImageChannels(path: string): Volume[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new ImageReadError(path, `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (isDir) throw new ImageReadError(path, 'is a directory; DICOM series must be imported to NRRD/NIfTI first');
  const lower = path.toLowerCase();
  if (lower.endsWith('.nrrd') || lower.endsWith('.nhdr')) return readNrrdChannels(path);
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz') || lower.endsWith('.hdr') || lower.endsWith('.hdr.gz')) return readNiftiChannels(path);
  throw new ImageReadError(path, 'unsupported image format (expected .nrrd, .nhdr, .nii, .nii.gz or .hdr)');
}

/** Read a scalar image file. */
export function readImage(path: string): Volume {
  const channels = readImageChannels(path);
  if (channels.length !== 1) throw new ImageReadError(path, `has ${channels.length} components per voxel; expected a scalar image`);
  return channels[0];
}
