import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { ImageGeometry } from '../geometry/sliceGeometry';
import type { VoxelArray } from '../api/voxels';
import type { Extent } from '../tools/sliceExtent';

/**
 * Place an image on the grid of `g`. Our direction is row-major with column c = axis c (ITK);
 * vtk.js stores the same matrix column-major, hence the transpose.
 */
function setGeometry(image: vtkImageData, g: ImageGeometry): void {
  image.setSpacing([g.spacing[0], g.spacing[1], g.spacing[2]]);
  image.setOrigin([g.origin[0], g.origin[1], g.origin[2]]);
  const d = g.direction;
  image.setDirection([d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8]]);
}

function scalarsOf(values: VoxelArray, range?: [number, number]): vtkDataArray {
  const scalars = vtkDataArray.newInstance({ name: 'scalars', numberOfComponents: 1, values });
  // A preset range spares vtk a scan of the voxels (and a rescan after every edit of a label map).
  if (range) scalars.setRange({ min: range[0], max: range[1] }, 0);
  return scalars;
}

/** Wrap voxels (x fastest) as vtkImageData without copying. */
export function toVtkImage(g: ImageGeometry, values: VoxelArray, range?: [number, number]): vtkImageData {
  const image = vtkImageData.newInstance();
  image.setDimensions([g.size[0], g.size[1], g.size[2]]);
  setGeometry(image, g);
  image.getPointData().setScalars(scalarsOf(values, range));
  return image;
}

/**
 * Make `image` the part of a label map inside `extent` (index box of the grid `g`; `values` are
 * its voxels, x fastest, see copyExtent): same origin, spacing and direction as the whole grid, so
 * it is drawn exactly where those voxels lie.
 */
export function setLabelSubImage(image: vtkImageData, g: ImageGeometry, extent: Extent, values: Uint8Array): void {
  setGeometry(image, g);
  image.setExtent(extent);
  image.getPointData().setScalars(scalarsOf(values, [0, 255]));
  image.modified();
}
