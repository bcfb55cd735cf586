import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { ImageGeometry } from '../geometry/sliceGeometry';
import type { VoxelArray } from '../api/voxels';

/**
 * Wrap voxels (x fastest) as vtkImageData without copying. Our direction is row-major with column
 * c = axis c (ITK); vtk.js stores the same matrix column-major, hence the transpose.
 */
export function toVtkImage(g: ImageGeometry, values: VoxelArray, range?: [number, number]): vtkImageData {
  const image = vtkImageData.newInstance();
  image.setDimensions([g.size[0], g.size[1], g.size[2]]);
  image.setSpacing([g.spacing[0], g.spacing[1], g.spacing[2]]);
  image.setOrigin([g.origin[0], g.origin[1], g.origin[2]]);
  const d = g.direction;
  image.setDirection([d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8]]);
  const scalars = vtkDataArray.newInstance({ name: 'scalars', numberOfComponents: 1, values });
  // A preset range spares vtk a full scan (and a rescan after every brush stroke on label maps).
  if (range) scalars.setRange({ min: range[0], max: range[1] }, 0);
  image.getPointData().setScalars(scalars);
  return image;
}

/** Tell vtk the voxels of an image changed in place (keeps its preset range). */
export function markVoxelsModified(image: vtkImageData): void {
  image.getPointData().getScalars().modified();
  image.modified();
}
