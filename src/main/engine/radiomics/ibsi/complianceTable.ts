/**
 * Plain-text rendering of a {@link ComplianceReport}: per mode a feature family × data set table of
 * passed / reference values (the figures a methods section can cite), what is not computed and why,
 * the IBSI-2 filter maps, the deviations of the default mode, and the verdict.
 */
import type { IbsiConfigId, IbsiMode } from './configurations';
import { isJudged, type ComplianceReport, type JudgedValue } from './compliance';

/** IBSI families in the reference sheets' order. */
export const FAMILY_ORDER = [
  'Diagnostics',
  'Morphology',
  'Local intensity',
  'Statistics',
  'Intensity histogram',
  'Intensity volume histogram',
  'Co-occurrence matrix',
  'Run length matrix',
  'Size zone matrix',
  'Distance zone matrix',
  'Neighbourhood grey tone difference matrix',
  'Neighbouring grey level dependence matrix',
];

const CONFIG_TITLE: Record<IbsiConfigId, string> = { phantom: 'Phantom', A: 'A', B: 'B', C: 'C', D: 'D', E: 'E' };

/** The tolerance rule, as the report states it. */
export const TOLERANCE_RULE =
  'IBSI-1: a value passes when |value − reference| ≤ the IBSI tolerance; references with tolerance 0 are quoted to 3 significant figures and pass when the value rounds to them at 3 significant figures. IBSI-2: every voxel of a response map within ±1 % of the reference map\'s range.';

/** What each mode is, as the report states it. */
export const MODE_DESCRIPTION: Record<IbsiMode, string> = {
  ibsi:
    "ibsi mode (parameter-file block 'ibsi:'): FBS bins from the resegmentation minimum; interpolation on IBSI's centre-aligned grid (trilinear / cubic B-spline, nearest-boundary extrapolation), intensities rounded to integers, mask interpolated linearly with partial-volume threshold 0.5; range + 3σ outlier re-segmentation (config E); IBSI 2D per-slice texture aggregation; IVH discretisation per configuration; IBSI-2 LoG and wavelet filters.",
  pyradiomics:
    "pyradiomics-compatible default mode: pyradiomics' own processing (settings of pyradiomics' IBSI benchmark, configuration E re-segmentation approximated by [−718, 400] HU); reproduces pyradiomics' baselines to 1e-9.",
};

/** Deviations of the default mode from IBSI, with their cause (docs/IBSI.md has the evidence). */
export const DEFAULT_MODE_DEVIATIONS = [
  'FBS bins are aligned to multiples of the bin width from 0, not to the resegmentation minimum (configuration C: grey levels shifted by 2 bins).',
  "Resampling uses a corner-aligned grid around the ROI instead of IBSI's grid centred on the image (configurations B–E); intensities are not rounded after interpolation; the mask is resampled nearest-neighbour instead of linearly with a 0.5 partial-volume threshold.",
  'Range and outlier re-segmentation cannot be combined (configuration E: approximated by [−718, 400] HU).',
  'No per-slice (IBSI 2D) texture aggregation: force2D merges slices (IBSI 2.5D).',
  'PCA axis lengths use the population covariance (N) instead of the sample covariance (N − 1): minor/least axis of the digital phantom (N = 74) out of tolerance.',
  'Features pyradiomics lacks (intensity histogram except entropy and uniformity, intensity-volume histogram, local intensity peaks, grey level distance zone matrix, 3 statistics, 2 NGLDM and 11 morphology features) are computed in ibsi mode only.',
  "LoG: ITK's recursive Gaussian instead of a sampled kernel (IBSI-2 map 2_a: 1.37 % of the range); wavelets: periodic padding and no à trous levels or rotation invariance (maps 2_c, 5_a_2, 6_a_2, 7_a not expressible).",
];

function cell(values: JudgedValue[]): string {
  if (values.length === 0) return '—';
  const passed = values.filter((v) => v.passed === true).length;
  return `${passed}/${values.length}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The family × configuration table of one mode, with its not-computed reasons. */
function modeTable(report: ComplianceReport, mode: IbsiMode): string[] {
  const rows = report.values.filter((v) => v.mode === mode);
  const width = Math.max(...FAMILY_ORDER.map((f) => f.length)) + 2;
  const lines = [pad('Family', width) + report.configs.map((c) => pad(CONFIG_TITLE[c], 10)).join('')];
  for (const family of FAMILY_ORDER) {
    lines.push(pad(family, width) + report.configs.map((c) => pad(cell(rows.filter((v) => v.family === family && v.config === c)), 10)).join(''));
  }
  lines.push(pad('All families', width) + report.configs.map((c) => pad(cell(rows.filter((v) => v.config === c)), 10)).join(''));
  const compared = rows.filter((v) => v.passed !== null);
  lines.push(
    pad('Computed values', width) +
      report.configs.map((c) => pad(cell(compared.filter((v) => v.config === c)), 10)).join('') +
      `(judged: ${report.configs.filter((c) => isJudged(mode, c)).map((c) => CONFIG_TITLE[c]).join(', ') || 'none'})`,
  );
  const reasons = new Map<string, Set<string>>();
  for (const v of rows) {
    if (v.result.value !== null) continue;
    const set = reasons.get(v.result.reason) ?? new Set<string>();
    set.add(v.family);
    reasons.set(v.result.reason, set);
  }
  if (reasons.size) {
    lines.push('Not computed:');
    for (const [reason, families] of reasons) lines.push(`  - ${reason} (${[...families].join(', ')}; ${rows.filter((v) => v.result.value === null && v.result.reason === reason).length} values)`);
  }
  return lines;
}

/** Largest |value − reference| / tolerance among the passing values with a tolerance, per mode. */
function worstUse(report: ComplianceReport, mode: IbsiMode): string {
  let worst: JudgedValue | null = null;
  let ratio = -1;
  for (const v of report.values) {
    if (v.mode !== mode || v.passed !== true || v.reference.tolerance === 0 || v.result.value === null) continue;
    const r = Math.abs(v.result.value - v.reference.value) / v.reference.tolerance;
    if (r > ratio) [ratio, worst] = [r, v];
  }
  if (!worst || worst.result.value === null) return '';
  return `closest to its limit: ${worst.config} ${worst.reference.tag} ${worst.result.value.toPrecision(4)} vs ${worst.reference.value} ± ${worst.reference.tolerance} (${(100 * ratio).toFixed(0)} % of the tolerance)`;
}

/** The whole report as text. */
export function formatComplianceReport(report: ComplianceReport, title = 'IBSI compliance'): string {
  const out: string[] = [
    title,
    'References: IBSI-1 reference values (Zwanenburg et al., Radiology 2020; arXiv:1612.07003) for the digital phantom and CT phantom configurations A–E; IBSI-2 reference response maps (arXiv:2006.05470).',
    `Tolerance rule: ${TOLERANCE_RULE}`,
    'Cells: passed / reference values with a consensus value; "—" = not in that data set.',
  ];
  for (const mode of report.modes) {
    out.push('', `Mode: ${MODE_DESCRIPTION[mode]}`, ...modeTable(report, mode));
    const worst = worstUse(report, mode);
    if (worst) out.push(`Passing values ${worst}`);
  }
  if (report.maps.length) {
    out.push('', 'IBSI-2 filter response maps (worst voxel, % of the reference range; limit 1 %):');
    const ids = [...new Set(report.maps.map((m) => m.id))];
    out.push(pad('map', 8) + report.modes.map((m) => pad(m, 16)).join('') + 'filter');
    for (const id of ids) {
      const row = report.modes.map((mode) => {
        const m = report.maps.find((x) => x.id === id && x.mode === mode);
        if (!m || m.worst === null) return pad('n/a', 16);
        const pct = 100 * m.worst;
        return pad(`${m.passed ? 'pass' : 'FAIL'} ${pct < 0.01 ? pct.toExponential(1) : pct.toPrecision(2)}`, 16);
      });
      out.push(pad(id, 8) + row.join('') + report.maps.find((x) => x.id === id)!.description);
    }
  }
  if (report.modes.includes('pyradiomics')) {
    out.push('', 'Deviations of the default (pyradiomics-compatible) mode from IBSI, by cause:', ...DEFAULT_MODE_DEVIATIONS.map((d) => `  - ${d}`));
  }
  out.push('', report.unexpected.length === 0 ? `Verdict: PASS (${report.seconds.toFixed(1)} s)` : `Verdict: FAIL — ${report.unexpected.length} unexpected deviation(s):`);
  for (const u of report.unexpected) out.push(`  - ${u}`);
  return out.join('\n') + '\n';
}
