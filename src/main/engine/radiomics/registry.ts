/**
 * Explicit registry of the feature classes the extractor can compute (pyradiomics discovers them by
 * reflection in `radiomics.getFeatureClasses()`; here the list is typed and enumerable by workers).
 */
import type { FeatureFamily } from './family';
import { firstorder } from './families/firstorder';
import { glcmFamily } from './families/glcm';
import { gldmFamily } from './families/gldm';
import { glrlmFamily } from './families/glrlm';
import { glszmFamily } from './families/glszm';
import { ngtdmFamily } from './families/ngtdm';
import { shape } from './families/shape';
import { shape2D } from './families/shape2d';

/**
 * pyradiomics' feature class names in `getFeatureClasses()` order (module names, alphabetical): the
 * order in which its default extraction computes them.
 */
export const FEATURE_CLASS_NAMES = ['firstorder', 'glcm', 'gldm', 'glrlm', 'glszm', 'ngtdm', 'shape', 'shape2D'] as const;
export type FeatureClassName = (typeof FEATURE_CLASS_NAMES)[number];

/** Classes computed on the original image only, once per case (pyradiomics `computeShape`). */
export const SHAPE_CLASSES: readonly string[] = ['shape', 'shape2D'];

/** Every implemented feature class. */
export const FEATURE_FAMILIES: readonly FeatureFamily[] = [
  firstorder,
  shape,
  shape2D,
  glcmFamily,
  glrlmFamily,
  glszmFamily,
  gldmFamily,
  ngtdmFamily,
];

/** The implemented family named `name`, or undefined (not a class, or not implemented in this build). */
export function findFamily(name: string): FeatureFamily | undefined {
  return FEATURE_FAMILIES.find((f) => f.name === name);
}

/** Whether `name` is one of pyradiomics' feature classes. */
export function isFeatureClassName(name: string): name is FeatureClassName {
  return (FEATURE_CLASS_NAMES as readonly string[]).includes(name);
}
