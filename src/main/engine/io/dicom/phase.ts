/**
 * Contrast-phase assignment of the CT series of a study (non-contrast, arterial, venous, delayed),
 * for multi-phase CECT studies such as the three-phase study this workbench reproduces. Evidence,
 * in order of trust:
 *
 * 1. Keywords in SeriesDescription / ProtocolName (English abbreviations used by the major
 *    vendors, and Chinese terms): see {@link PHASE_KEYWORDS}. Keywords of two phases → no keyword evidence.
 * 2. Timing: delay t = AcquisitionTime − ContrastBolusStartTime (s, across midnight when needed),
 *    binned by {@link PHASE_DELAY_WINDOWS_S}; delays between windows are no evidence.
 * 3. Acquisition order within the study: series are grouped into acquisitions by AcquisitionTime
 *    (reconstructions of one acquisition share it); the phases follow the clinical order
 *    non-contrast < arterial < venous < delayed. An unassigned acquisition gets a phase only when
 *    the order leaves exactly one possibility: exactly three acquisitions recording a Contrast/Bolus
 *    Agent and none of them assigned → arterial, venous, delayed; or the only unassigned acquisition between two assigned ones
 *    with exactly one phase left between theirs. An acquisition without Contrast/Bolus Agent,
 *    earlier than all acquisitions that record one, is non-contrast.
 *
 * Conflicts (keywords vs timing, or assigned phases out of acquisition order) and anything not
 * decided give 'unassigned' with the reason, never a guess.
 */
import { timeOfDaySeconds } from './metadata';

export type ContrastPhase = 'non-contrast' | 'arterial' | 'venous' | 'delayed' | 'unassigned';

export interface PhaseSeriesInput {
  seriesInstanceUid: string;
  studyInstanceUid: string;
  seriesDescription?: string;
  protocolName?: string;
  contrastBolusAgent?: string;
  /** DICOM TM */
  contrastBolusStartTime?: string;
  /** DICOM TM (earliest of the series) */
  acquisitionTime?: string;
  /** DICOM TM, used when AcquisitionTime is absent */
  seriesTime?: string;
}

export interface PhaseAssignment {
  seriesInstanceUid: string;
  phase: ContrastPhase;
  basis: 'description' | 'timing' | 'description+timing' | 'acquisition-order' | 'none';
  reason: string;
  /** AcquisitionTime − ContrastBolusStartTime in seconds, when both are recorded. */
  delaySeconds?: number;
}

type Known = Exclude<ContrastPhase, 'unassigned'>;
const ORDER: Known[] = ['non-contrast', 'arterial', 'venous', 'delayed'];

/** Keyword patterns per phase (matched case-insensitively against description and protocol). */
export const PHASE_KEYWORDS: Record<Known, RegExp> = {
  'non-contrast': /\b(non[- ]?contrast|noncon|unenhanced|un-enhanced|plain|pre[- ]?contrast|native|without contrast|w\/o contrast|nc)\b|平扫|非增强/i,
  arterial: /\b(arterial|art|angio|cta)\b|动脉/i,
  venous: /\b(venous|ven|portal|pv|pvp|vp)\b|静脉|门脉|实质期/i,
  delayed: /\b(delay|delayed|dly|equilibrium|equil|excretory|urographic)\b|延迟|延时|平衡期/i,
};

/** Delay windows (s after contrast start) per phase; gaps between them are deliberate "unsure" zones. */
export const PHASE_DELAY_WINDOWS_S: Record<'arterial' | 'venous' | 'delayed', [number, number]> = {
  arterial: [15, 45],
  venous: [50, 100],
  delayed: [120, 900],
};

/** Acquisitions less than this far apart (s) are one acquisition (several reconstructions). */
const SAME_ACQUISITION_S = 2;

function keywordPhase(s: PhaseSeriesInput): { phase?: Known; note: string } {
  const text = [s.seriesDescription, s.protocolName].filter(Boolean).join(' | ').replace(/_/g, ' ');
  if (!text) return { note: 'no series description or protocol name' };
  const hits = ORDER.filter((p) => PHASE_KEYWORDS[p].test(text));
  if (hits.length === 1) return { phase: hits[0], note: `"${text}" names the ${hits[0]} phase` };
  if (hits.length > 1) return { note: `"${text}" names several phases (${hits.join(', ')})` };
  return { note: `"${text}" names no phase` };
}

function acquisitionSeconds(s: PhaseSeriesInput): number | undefined {
  return timeOfDaySeconds(s.acquisitionTime) ?? timeOfDaySeconds(s.seriesTime);
}

function delayOf(s: PhaseSeriesInput): number | undefined {
  const start = timeOfDaySeconds(s.contrastBolusStartTime);
  const acq = acquisitionSeconds(s);
  if (start === undefined || acq === undefined) return undefined;
  let d = acq - start;
  if (d < -43200) d += 86400; // acquisition after midnight
  return d;
}

function timingPhase(delay: number | undefined): { phase?: Known; note: string } {
  if (delay === undefined) return { note: 'no contrast start and acquisition times' };
  for (const p of ['arterial', 'venous', 'delayed'] as const) {
    const [lo, hi] = PHASE_DELAY_WINDOWS_S[p];
    if (delay >= lo && delay <= hi) return { phase: p, note: `acquired ${delay.toFixed(0)} s after contrast start (${p} window ${lo}–${hi} s)` };
  }
  return { note: `acquired ${delay.toFixed(0)} s after contrast start, outside every phase window` };
}

/** Assigns a contrast phase to each series (any order; studies are handled separately). */
export function assignPhases(series: PhaseSeriesInput[]): PhaseAssignment[] {
  const result = new Map<string, PhaseAssignment>();
  for (const s of series) {
    const kw = keywordPhase(s);
    const delay = delayOf(s);
    const tm = timingPhase(delay);
    let a: PhaseAssignment;
    if (kw.phase && tm.phase && kw.phase !== tm.phase) {
      a = { seriesInstanceUid: s.seriesInstanceUid, phase: 'unassigned', basis: 'none', reason: `conflict: ${kw.note}, but ${tm.note}` };
    } else if (kw.phase && tm.phase) {
      a = { seriesInstanceUid: s.seriesInstanceUid, phase: kw.phase, basis: 'description+timing', reason: `${kw.note}; ${tm.note}` };
    } else if (kw.phase) {
      a = { seriesInstanceUid: s.seriesInstanceUid, phase: kw.phase, basis: 'description', reason: `${kw.note}; ${tm.note}` };
    } else if (tm.phase) {
      a = { seriesInstanceUid: s.seriesInstanceUid, phase: tm.phase, basis: 'timing', reason: `${tm.note}; ${kw.note}` };
    } else {
      a = { seriesInstanceUid: s.seriesInstanceUid, phase: 'unassigned', basis: 'none', reason: `${kw.note}; ${tm.note}` };
    }
    if (delay !== undefined) a.delaySeconds = delay;
    result.set(s.seriesInstanceUid, a);
  }
  const studies = new Map<string, PhaseSeriesInput[]>();
  for (const s of series) studies.set(s.studyInstanceUid, [...(studies.get(s.studyInstanceUid) ?? []), s]);
  for (const members of studies.values()) assignByOrder(members, result);
  return series.map((s) => result.get(s.seriesInstanceUid)!);
}

interface Acquisition {
  time: number;
  series: PhaseSeriesInput[];
  enhanced: boolean;
}

function acquisitionsOf(members: PhaseSeriesInput[]): Acquisition[] | undefined {
  const timed = members.map((s) => ({ s, t: acquisitionSeconds(s) }));
  if (timed.some((x) => x.t === undefined)) return undefined;
  timed.sort((a, b) => (a.t as number) - (b.t as number));
  const groups: Acquisition[] = [];
  for (const { s, t } of timed) {
    const last = groups[groups.length - 1];
    if (last && (t as number) - last.time < SAME_ACQUISITION_S) last.series.push(s);
    else groups.push({ time: t as number, series: [s], enhanced: false });
  }
  for (const g of groups) g.enhanced = g.series.some((s) => (s.contrastBolusAgent ?? '').trim() !== '');
  return groups;
}

function setAll(g: Acquisition, result: Map<string, PhaseAssignment>, phase: ContrastPhase, reason: string, basis: PhaseAssignment['basis']): void {
  for (const s of g.series) {
    const prev = result.get(s.seriesInstanceUid)!;
    result.set(s.seriesInstanceUid, { ...prev, phase, basis, reason });
  }
}

/** The single phase shared by an acquisition's assigned series, 'mixed' when they disagree, undefined when none is assigned. */
function groupPhase(g: Acquisition, result: Map<string, PhaseAssignment>): Known | 'mixed' | undefined {
  const phases = new Set(g.series.map((s) => result.get(s.seriesInstanceUid)!.phase).filter((p) => p !== 'unassigned') as Known[]);
  if (phases.size > 1) return 'mixed';
  return phases.size === 1 ? [...phases][0] : undefined;
}

function assignByOrder(members: PhaseSeriesInput[], result: Map<string, PhaseAssignment>): void {
  const groups = acquisitionsOf(members);
  if (!groups) return;
  // Reconstructions of one acquisition: propagate an agreed phase to their unassigned siblings.
  for (const g of groups) {
    const p = groupPhase(g, result);
    if (p === 'mixed') {
      setAll(g, result, 'unassigned', 'reconstructions of one acquisition (same AcquisitionTime) are labelled with different phases', 'none');
    } else if (p) {
      for (const s of g.series) {
        const a = result.get(s.seriesInstanceUid)!;
        if (a.phase === 'unassigned') result.set(s.seriesInstanceUid, { ...a, phase: p, basis: 'acquisition-order', reason: `same acquisition time as a series assigned ${p}` });
      }
    }
  }
  // Assigned phases must follow the clinical order in time (repeats of one phase are allowed).
  const assigned = groups.map((g) => groupPhase(g, result)).map((p) => (p === 'mixed' ? undefined : p));
  const ranks = assigned.map((p) => (p ? ORDER.indexOf(p) : -1)).filter((r) => r >= 0);
  if (ranks.some((r, k) => k > 0 && r < ranks[k - 1])) {
    groups.forEach((g, k) => {
      if (assigned[k]) setAll(g, result, 'unassigned', `phases from descriptions/timing are out of acquisition order (${assigned.filter(Boolean).join(' → ')})`, 'none');
    });
    return;
  }
  const firstEnhanced = groups.findIndex((g) => g.enhanced);
  if (firstEnhanced > 0) {
    for (let k = 0; k < firstEnhanced; k++) {
      if (!assigned[k]) {
        setAll(groups[k], result, 'non-contrast', 'no Contrast/Bolus Agent, acquired before every series that records one', 'acquisition-order');
        assigned[k] = 'non-contrast';
      }
    }
  }
  const enhancedIdx = groups.map((_, k) => k).filter((k) => groups[k].enhanced);
  if (enhancedIdx.length === 3 && enhancedIdx.every((k) => !assigned[k])) {
    (['arterial', 'venous', 'delayed'] as const).forEach((p, i) =>
      setAll(groups[enhancedIdx[i]], result, p, `acquisition ${i + 1} of 3 enhanced acquisitions in time order`, 'acquisition-order'),
    );
    return;
  }
  // Fill a single gap whose neighbours leave exactly one phase.
  for (let k = 0; k < groups.length; k++) {
    if (assigned[k]) continue;
    let before = k - 1;
    while (before >= 0 && !assigned[before]) before--;
    let after = k + 1;
    while (after < groups.length && !assigned[after]) after++;
    if (before < 0 || after >= groups.length || after - before !== 2) continue;
    const lo = ORDER.indexOf(assigned[before] as Known);
    const hi = ORDER.indexOf(assigned[after] as Known);
    if (hi - lo === 2) {
      const p = ORDER[lo + 1];
      setAll(groups[k], result, p, `only acquisition between the ${assigned[before]} and ${assigned[after]} acquisitions`, 'acquisition-order');
      assigned[k] = p;
    }
  }
}
