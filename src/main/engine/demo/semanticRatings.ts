/**
 * Radiologists' semantic ratings of a demo tumour (the paper's Table 1 CECT variables). Each rating
 * thresholds the true phenotype plus the reader's own Gaussian perception error, so two readers
 * agree well but not perfectly (Cohen's κ of roughly 0.6–0.9, as the paper's Table S1 reports
 * "good agreement"); a reader's error is independent between readers and between variables.
 */
import type { Rng } from '../stats/rng';
import type { LatentTraits, TumourPhenotype } from './latentModel';
import { normal } from './random';

export interface SemanticRating {
  reader: 1 | 2;
  /** Measured largest diameter, mm (1-mm resolution). */
  tumourSizeMm: number;
  /** Cystic spaces or necrosis present. */
  necrosis: 0 | 1;
  /** 1 = higher than muscle, 0 = slightly below or equal to muscle. */
  enhancementDegree: 0 | 1;
  /** 1 = heterogeneous, 0 = homogeneous. */
  enhancementPattern: 0 | 1;
  /** 1 = irregular, 0 = smooth. */
  contours: 0 | 1;
  adjacentOrganInvolvement: 0 | 1;
}

/** Rating rules: rated 1 when (true value + reader error) exceeds the threshold. */
export const RATING_MODEL = {
  sizeRelativeError: 0.04,
  necrosis: { value: 'necrotic volume fraction', errorSd: 0.025, threshold: 0.04 },
  enhancementDegree: { value: 'venous enhancement over 40 HU', errorSd: 6, threshold: 28 },
  enhancementPattern: { value: 'texture amplitude + 0.6 × necrotic fraction + 0.35 × z_enh', errorSd: 0.15, threshold: 0.15 },
  contours: { value: 'lobulation amplitude', errorSd: 0.04, threshold: 0.27 },
  adjacentOrganInvolvement: { value: 'invasion score z_inv', errorSd: 0.35, threshold: 0.84 },
} as const;

function rated(value: number, errorSd: number, threshold: number, rng: Rng): 0 | 1 {
  return value + errorSd * normal(rng) > threshold ? 1 : 0;
}

/**
 * One reader's ratings, drawing six normal errors in the order size, necrosis, enhancement degree,
 * pattern, contours, adjacent organ. Size: round(D·(1 + 0.04 ε)) mm.
 */
export function rateTumour(rng: Rng, reader: 1 | 2, traits: LatentTraits, p: TumourPhenotype): SemanticRating {
  const m = RATING_MODEL;
  const tumourSizeMm = Math.max(1, Math.round(p.diameterMm * (1 + m.sizeRelativeError * normal(rng))));
  return {
    reader,
    tumourSizeMm,
    necrosis: rated(p.necrosisFraction, m.necrosis.errorSd, m.necrosis.threshold, rng),
    enhancementDegree: rated(p.enhancementHu, m.enhancementDegree.errorSd, m.enhancementDegree.threshold, rng),
    enhancementPattern: rated(p.heterogeneity + 0.6 * p.necrosisFraction + 0.35 * traits.enhancement, m.enhancementPattern.errorSd, m.enhancementPattern.threshold, rng),
    contours: rated(p.irregularity, m.contours.errorSd, m.contours.threshold, rng),
    adjacentOrganInvolvement: rated(traits.invasion, m.adjacentOrganInvolvement.errorSd, m.adjacentOrganInvolvement.threshold, rng),
  };
}
