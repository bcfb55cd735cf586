/**
 * Harrell's concordance index for right-censored data (Harrell et al. 1982), as R survival 3.5
 * `concordance(Surv(time, event) ~ score, reverse = TRUE)` (timewt "n") with its
 * infinitesimal-jackknife standard error, plus the `Hmisc::rcorr.cens(-score, Surv)` quantities.
 */
import { StatsInputError, assertFinite } from '../stats/errors';
import { checkSurvivalData } from './survivalData';

export interface ConcordanceResult {
  /** C = (concordant + tiedX/2)/(concordant + discordant + tiedX). */
  concordance: number;
  /** Infinitesimal-jackknife SE: √Σ_i (∂C/∂w_i)² (survival's `sqrt(var)`). */
  stdErr: number;
  concordant: number;
  discordant: number;
  /** Comparable pairs with equal scores (each counts ½). */
  tiedX: number;
  /** Pairs of two events at the same time with different scores (not comparable). */
  tiedY: number;
  /** Pairs of two events at the same time with equal scores (not comparable). */
  tiedXY: number;
  /** Hmisc `rcorr.cens` conventions (ordered pairs, so counts are doubled). */
  hmisc: {
    C: number;
    /** Somers' Dxy = 2C − 1. */
    Dxy: number;
    /** SD of Dxy, reported as 2·stdErr (equal to Hmisc's value on the oracle data). */
    sdDxy: number;
    /** 2·(concordant + discordant + tiedX). */
    relevantPairs: number;
    /** 2·concordant + tiedX. */
    concordant: number;
    /** n(n − 1) − relevantPairs − 2·(tiedY + tiedXY). */
    uncertain: number;
  };
}

/**
 * Harrell's C with higher score = higher risk (shorter survival). A pair (i, j) is comparable
 * when t_i < t_j and i had the event, or t_i = t_j with i an event and j censored; it is
 * concordant when score_i > score_j, discordant when <, tied when equal. Two events at the same
 * time are not comparable. The IJ variance uses the per-subject influence
 * ∂C/∂w_i = [(c_i + t_i/2) − C(c_i + d_i + t_i)]/(nc + nd + nt), where c_i, d_i, t_i count the
 * concordant, discordant and tied comparable pairs involving subject i. O(n²).
 */
export function harrellC(time: ArrayLike<number>, event: ArrayLike<number>, score: ArrayLike<number>): ConcordanceResult {
  checkSurvivalData(time, event, 'harrellC');
  if (score.length !== time.length) throw new StatsInputError(`harrellC: ${score.length} scores for ${time.length} subjects`);
  assertFinite(score, 'harrellC score');
  const n = time.length;
  const ci = new Float64Array(n);
  const di = new Float64Array(n);
  const ti = new Float64Array(n);
  let nc = 0;
  let nd = 0;
  let nt = 0;
  let tiedY = 0;
  let tiedXY = 0;
  for (let i = 0; i < n; i++) {
    if (event[i] !== 1) continue;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (time[j] < time[i]) continue;
      if (time[j] === time[i]) {
        if (event[j] === 1) {
          // Count each event–event tie once (from its lower index).
          if (j > i) {
            if (score[i] === score[j]) tiedXY++;
            else tiedY++;
          }
          continue;
        }
      }
      if (score[i] > score[j]) {
        nc++;
        ci[i]++;
        ci[j]++;
      } else if (score[i] < score[j]) {
        nd++;
        di[i]++;
        di[j]++;
      } else {
        nt++;
        ti[i]++;
        ti[j]++;
      }
    }
  }
  const pairs = nc + nd + nt;
  if (pairs === 0) throw new StatsInputError('harrellC: no comparable pairs (no events, or all events tied at the last time)');
  const C = (nc + nt / 2) / pairs;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const infl = (ci[i] + ti[i] / 2 - C * (ci[i] + di[i] + ti[i])) / pairs;
    v += infl * infl;
  }
  const stdErr = Math.sqrt(v);
  return {
    concordance: C,
    stdErr,
    concordant: nc,
    discordant: nd,
    tiedX: nt,
    tiedY,
    tiedXY,
    hmisc: {
      C,
      Dxy: 2 * C - 1,
      sdDxy: 2 * stdErr,
      relevantPairs: 2 * pairs,
      concordant: 2 * nc + nt,
      uncertain: n * (n - 1) - 2 * pairs - 2 * (tiedY + tiedXY),
    },
  };
}
