/**
 * The demo cohort without images: who the patients are, their tumours' latent traits and
 * phenotype, clinical variables, the outcome drawn from the planted model, both readers' semantic
 * ratings, and which patients were delineated a second time. `generateDemoCohort` renders images
 * for exactly these patients; this function alone is the fast "metadata-only" mode.
 */
import type { Rng } from '../stats/rng';
import { CENTRES, PAPER_REPEAT_SHARE, PAPER_TRAINING_SHARE } from './centres';
import { drawTraits, linearPredictor, mdmProbability, phenotypeOf, PLANTED_MODEL, type CentreId, type LatentTraits, type TumourPhenotype } from './latentModel';
import { bernoulli, clamp, normal, streamFor, weibull } from './random';
import { rateTumour, type SemanticRating } from './semanticRatings';

export interface DemoPatient {
  /** 0-based position in the cohort. */
  index: number;
  /** "DEMO-001" … */
  id: string;
  centre: CentreId;
  cohort: 'train' | 'validation';
  age: number;
  sex: 'M' | 'F';
  /** Ki-67 index, %. */
  ki67: number;
  nStage: 0 | 1;
  traits: LatentTraits;
  phenotype: TumourPhenotype;
  /** Planted linear predictor η and P(MDM) = expit(η). */
  linearPredictor: number;
  mdmProbability: number;
  mdm: 0 | 1;
  /** Distant-metastasis-free survival time, months (time of metastasis, or end of follow-up). */
  followupMonths: number;
  /** 1 = metastasis observed (equals mdm), 0 = censored. */
  event: 0 | 1;
  /** Semantic ratings of reader 1 and reader 2. */
  ratings: [SemanticRating, SemanticRating];
  /** Delineated again by reader 1 and by reader 2 (the paper's 60-patient reliability subset). */
  repeatDelineation: boolean;
}

export interface DemoCohortOptions {
  patients: number;
  seed: number;
  /** Patients at centre 1 (training); default round(patients · 121/179), at least 1 when patients ≥ 2. */
  trainingPatients?: number;
  /** Size of the repeat-delineation subset; default max(1, round(patients · 60/179)). */
  repeatPatients?: number;
}

export interface DemoCohort {
  seed: number;
  patients: DemoPatient[];
  trainingPatients: number;
  repeatPatients: number;
}

/** Default split of `n` patients as in the paper: round(n·121/179) at centre 1, the rest at centre 2. */
export function defaultTrainingCount(n: number): number {
  if (n < 2) return n;
  return clamp(Math.round(n * PAPER_TRAINING_SHARE), 1, n - 1);
}

/** Default repeat-delineation subset size: max(1, round(n·60/179)), at most n. */
export function defaultRepeatCount(n: number): number {
  return Math.min(n, Math.max(1, Math.round(n * PAPER_REPEAT_SHARE)));
}

/** Months to one decimal. */
function tenths(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Follow-up: MDM patients have the metastasis at 6 + W months, W ~ Weibull(1.3, 14·e^{−0.35(η−β0)}),
 * capped at 96; others are censored at a lognormal follow-up (median 22 months at centre 1, 18 at
 * centre 2, log-sd 0.55, within [6.5, 96]). Months to 0.1.
 */
function drawFollowup(rng: Rng, mdm: 0 | 1, eta: number, centre: CentreId): number {
  if (mdm) {
    const t = PLANTED_MODEL.timeToMetastasis;
    const scale = t.scaleMonths * Math.exp(-t.scaleLogEffect * (eta - PLANTED_MODEL.logistic.intercept[centre]));
    return tenths(Math.min(t.maximumMonths, t.minimumMonths + weibull(rng, t.shape, scale)));
  }
  const c = PLANTED_MODEL.censoring;
  return tenths(clamp(c.medianMonths[centre] * Math.exp(c.logSd * normal(rng)), c.minimumMonths, c.maximumMonths));
}

function drawPatient(seed: number, index: number, centre: CentreId): Omit<DemoPatient, 'repeatDelineation'> {
  const rng = streamFor(seed, 'patient', index);
  const age = Math.round(clamp(58 + 12 * normal(rng), 22, 85));
  const sex = bernoulli(rng, 0.5) ? 'M' : 'F';
  // Ki-67 reported in steps of 5 % (1 % when below 2.5 %), median ≈ 12 %
  const ki67 = clamp(5 * Math.round((12 * Math.exp(normal(rng))) / 5), 1, 90);
  const nStage = bernoulli(rng, 0.15);
  const traits = drawTraits(rng);
  const phenotype = phenotypeOf(traits);
  const eta = linearPredictor(traits, phenotype, centre);
  const p = mdmProbability(eta);
  const mdm = bernoulli(rng, p);
  const followupMonths = drawFollowup(rng, mdm, eta, centre);
  const ratings: [SemanticRating, SemanticRating] = [rateTumour(rng, 1, traits, phenotype), rateTumour(rng, 2, traits, phenotype)];
  return {
    index,
    id: `DEMO-${String(index + 1).padStart(3, '0')}`,
    centre,
    cohort: CENTRES[centre].cohort,
    age,
    sex,
    ki67,
    nStage,
    traits,
    phenotype,
    linearPredictor: eta,
    mdmProbability: p,
    mdm,
    followupMonths,
    event: mdm,
    ratings,
  };
}

/**
 * Draws the cohort: patients 0 … nTrain−1 at centre 1 (training), the rest at centre 2
 * (validation), each from its own stream (`streamFor(seed, 'patient', i)`), so a patient's traits do
 * not depend on the cohort size. The repeat subset is a uniform draw without replacement from
 * `streamFor(seed, 'repeat-subset')`.
 */
export function drawCohort(options: DemoCohortOptions): DemoCohort {
  const n = options.patients;
  if (!Number.isInteger(n) || n < 1) throw new Error(`demo cohort: patients must be a positive integer, got ${n}`);
  if (!Number.isInteger(options.seed)) throw new Error(`demo cohort: seed must be an integer, got ${options.seed}`);
  const nTrain = options.trainingPatients ?? defaultTrainingCount(n);
  const nRepeat = options.repeatPatients ?? defaultRepeatCount(n);
  if (!Number.isInteger(nTrain) || nTrain < 0 || nTrain > n) throw new Error(`demo cohort: training patients must be in 0..${n}, got ${nTrain}`);
  if (!Number.isInteger(nRepeat) || nRepeat < 0 || nRepeat > n) throw new Error(`demo cohort: repeat patients must be in 0..${n}, got ${nRepeat}`);
  const repeat = new Set(streamFor(options.seed, 'repeat-subset').sampleWithoutReplacement(n, nRepeat));
  const patients = Array.from({ length: n }, (_, i) => ({
    ...drawPatient(options.seed, i, i < nTrain ? 'C1' : 'C2'),
    repeatDelineation: repeat.has(i),
  }));
  return { seed: options.seed, patients, trainingPatients: nTrain, repeatPatients: nRepeat };
}
