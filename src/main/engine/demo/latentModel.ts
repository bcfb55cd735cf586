/**
 * The planted signal of the demo cohort: latent tumour traits, the image phenotype they set, and
 * the logistic model by which they drive metachronous distant metastasis (MDM), plus the Weibull
 * time to metastasis. Everything a study on the demo should recover is written down here and in
 * the cohort's manifest (docs/DEMO.md explains it).
 *
 * Traits are standard-normal scores with a fixed correlation structure (larger tumours are more
 * often necrotic and irregular; necrotic tumours are more heterogeneous). Each risk term is a
 * monotone function of something drawn into the image, so radiomic features can see it:
 *
 *   s_size = ln(D / 100 mm) / 0.35                    (D = long diameter of the tumour ellipsoid)
 *   s_irr  = z_irr                                     (lobulation amplitude 0.04 + 0.46·Φ(z_irr))
 *   s_nec  = necrotic volume fraction / 0.10           (0 below the 45th percentile of z_nec)
 *   s_het  = z_het                                     (texture amplitude 0.10 + 0.90·Φ(z_het))
 *
 *   logit P(MDM) = β0[centre] + β_size·s_size + β_irr·s_irr + β_nec·s_nec + β_het·s_het
 *
 * Age, sex, Ki-67, N stage, enhancement degree and adjacent organ involvement are drawn but have
 * no effect (as in the paper's Table 2, where only size and the DLR-score were independent).
 */
import { pnorm } from '../stats/distributions';
import type { Rng } from '../stats/rng';
import { clamp, expit, normal } from './random';

/** Standard-normal latent scores of one tumour. */
export interface LatentTraits {
  size: number;
  irregularity: number;
  necrosis: number;
  heterogeneity: number;
  enhancement: number;
  /** Extension towards neighbouring organs (drives the adjacent-organ rating only). */
  invasion: number;
}

/** What the traits become in the image. */
export interface TumourPhenotype {
  /** Long diameter of the lobulated ellipsoid, mm (30–200). */
  diameterMm: number;
  /** Lobulation amplitude (0.04–0.50; 0 would be a smooth ellipsoid). */
  irregularity: number;
  /** Necrotic (non-enhancing, ≈ 20 HU) share of the tumour volume (0 or 0.05–0.45). */
  necrosisFraction: number;
  /** Amplitude factor of the enhancement texture (0.1–1.0; 1 ≈ ±35 HU in the venous phase). */
  heterogeneity: number;
  /** Venous-phase iodine enhancement of the solid tumour over its 40 HU unenhanced value, HU. */
  enhancementHu: number;
  /** True involvement of an adjacent organ. */
  adjacentOrganInvolvement: 0 | 1;
}

/** The planted model; written verbatim into manifest.json. */
export const PLANTED_MODEL = {
  traitCorrelation: {
    'necrosis~size': 0.45,
    'irregularity~size': 0.25,
    'heterogeneity~necrosis': 0.3,
    'invasion~size': 0.5,
  },
  size: { medianMm: 100, logSd: 0.35, minMm: 30, maxMm: 200 },
  necrosis: { absentBelowQuantile: 0.45, minFraction: 0.05, maxFraction: 0.45 },
  invasion: { presentAbove: 0.84 },
  logistic: {
    intercept: { C1: -1.1, C2: -1.95 },
    coefficients: { s_size: 0.6, s_irr: 0.5, s_nec: 0.35, s_het: 1.0 },
  },
  /** Time to metastasis of MDM patients: 6 months + Weibull(shape, scale·exp(−scaleLogEffect·(η − β0))). */
  timeToMetastasis: { minimumMonths: 6, shape: 1.3, scaleMonths: 14, scaleLogEffect: 0.35, maximumMonths: 96 },
  /** Follow-up of patients without MDM: lognormal, censored at the end of follow-up. */
  censoring: { medianMonths: { C1: 22, C2: 18 }, logSd: 0.55, minimumMonths: 6.5, maximumMonths: 96 },
} as const;

export type CentreId = keyof typeof PLANTED_MODEL.logistic.intercept;

function correlated(rng: Rng, parent: number, rho: number): number {
  return rho * parent + Math.sqrt(1 - rho * rho) * normal(rng);
}

/**
 * Draws the latent scores of one tumour (six normal deviates, in the order size, irregularity,
 * necrosis, heterogeneity, enhancement, invasion), each correlated with its parent as in
 * {@link PLANTED_MODEL}.traitCorrelation: \(z = \rho\,z_{parent} + \sqrt{1-\rho^2}\,\varepsilon\).
 */
export function drawTraits(rng: Rng): LatentTraits {
  const c = PLANTED_MODEL.traitCorrelation;
  const size = normal(rng);
  const irregularity = correlated(rng, size, c['irregularity~size']);
  const necrosis = correlated(rng, size, c['necrosis~size']);
  const heterogeneity = correlated(rng, necrosis, c['heterogeneity~necrosis']);
  const enhancement = normal(rng);
  const invasion = correlated(rng, size, c['invasion~size']);
  return { size, irregularity, necrosis, heterogeneity, enhancement, invasion };
}

/**
 * The image phenotype of the traits: D = clamp(100·e^{0.35 z_size}, 30, 200) mm; lobulation
 * 0.04 + 0.46·Φ(z_irr); necrotic fraction 0 when Φ(z_nec) < 0.45, else 0.05 + 0.40·(Φ − 0.45)/0.55;
 * texture amplitude 0.10 + 0.90·Φ(z_het); enhancement clamp(45 + 15 z_enh, 8, 95) HU; adjacent
 * organ involvement when z_inv > 0.84 (≈ 20 %).
 */
export function phenotypeOf(t: LatentTraits): TumourPhenotype {
  const s = PLANTED_MODEL.size;
  const n = PLANTED_MODEL.necrosis;
  const pNec = pnorm(t.necrosis);
  return {
    diameterMm: clamp(s.medianMm * Math.exp(s.logSd * t.size), s.minMm, s.maxMm),
    irregularity: 0.04 + 0.46 * pnorm(t.irregularity),
    necrosisFraction:
      pNec < n.absentBelowQuantile ? 0 : n.minFraction + (n.maxFraction - n.minFraction) * ((pNec - n.absentBelowQuantile) / (1 - n.absentBelowQuantile)),
    heterogeneity: 0.1 + 0.9 * pnorm(t.heterogeneity),
    enhancementHu: clamp(45 + 15 * t.enhancement, 8, 95),
    adjacentOrganInvolvement: t.invasion > PLANTED_MODEL.invasion.presentAbove ? 1 : 0,
  };
}

/** The four risk scores of a tumour (see the module comment); all observable in the image. */
export function riskScores(t: LatentTraits, p: TumourPhenotype): { s_size: number; s_irr: number; s_nec: number; s_het: number } {
  return {
    s_size: Math.log(p.diameterMm / PLANTED_MODEL.size.medianMm) / PLANTED_MODEL.size.logSd,
    s_irr: t.irregularity,
    s_nec: p.necrosisFraction / 0.1,
    s_het: t.heterogeneity,
  };
}

/** Linear predictor η = β0[centre] + Σ β_j s_j of the planted logistic model. */
export function linearPredictor(t: LatentTraits, p: TumourPhenotype, centre: CentreId): number {
  const b = PLANTED_MODEL.logistic.coefficients;
  const s = riskScores(t, p);
  return PLANTED_MODEL.logistic.intercept[centre] + b.s_size * s.s_size + b.s_irr * s.s_irr + b.s_nec * s.s_nec + b.s_het * s.s_het;
}

/** P(MDM) = expit(η). */
export function mdmProbability(eta: number): number {
  return expit(eta);
}
