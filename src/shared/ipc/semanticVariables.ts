/**
 * The paper's Table 1 semantic CECT features, rated per reader next to the viewer (binary codes as in the
 * clinical table: 1 = present / higher than muscle / heterogeneous / irregular; tumour size in mm). Kept free of
 * zod so the renderer can import the list without the schema library.
 */
export const SEMANTIC_VARIABLES = [
  { name: 'necrosis', kind: 'binary' },
  { name: 'enhancement_degree', kind: 'binary' },
  { name: 'enhancement_pattern', kind: 'binary' },
  { name: 'contours', kind: 'binary' },
  { name: 'adjacent_organ_involvement', kind: 'binary' },
  { name: 'tumour_size_mm', kind: 'size' },
] as const;
export type SemanticVariable = (typeof SEMANTIC_VARIABLES)[number]['name'];
