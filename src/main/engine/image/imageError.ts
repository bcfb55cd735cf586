/**
 * Why a case cannot be extracted (pyradiomics raises ValueError for these): bad mask, mismatching
 * geometry, ROI too small, non-finite voxels, … The message is meant for the user as is.
 */
export class ImageCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageCheckError';
  }
}
