/**
 * Leakage guards: configurations under which validation data (outcomes, or feature values of validation
 * patients) would shape a quantity fitted for the training cohort are refused with the reason. The pipeline
 * itself is written as fit(training) → apply(all), so these checks cover the settings that could break it.
 */
import { clinicalText, type ClinicalData } from './studyData';
import { signatureSelection, type StudyDefinition } from './definition';
import type { CohortAssignment } from './split';
import { StudyLeakageError, problemMessage } from './studyErrors';

/** Outcome and follow-up columns, the columns they are derived from, and derived columns computed from them. */
export function targetColumns(d: StudyDefinition): string[] {
  const targets = [d.outcome.column, ...(d.survival ? [d.survival.time, d.survival.event] : [])];
  const derived = Object.entries(d.derivedColumns);
  for (const [name, spec] of derived) if (targets.includes(name) && !targets.includes(spec.from)) targets.push(spec.from);
  for (const [name, spec] of derived) if (targets.includes(spec.from) && !targets.includes(name)) targets.push(name);
  return targets;
}

/** Problems visible in the definition alone. */
export function definitionLeakageProblems(d: StudyDefinition): string[] {
  const out: string[] = [];
  const targets = targetColumns(d);
  if (d.scaling.fitOn === 'all') {
    out.push('scaling.fitOn: all — z-score means/SDs would include validation patients; use fitOn: training');
  }
  if (d.selection.fitOn === 'all') out.push('selection.fitOn: all — mRMR/LASSO would see validation outcomes; use fitOn: training');
  d.signatures.forEach((s, k) => {
    if (s.selection && signatureSelection(d, s).fitOn === 'all') {
      out.push(`signatures[${k}].selection.fitOn: all — selection would see validation outcomes; use fitOn: training`);
    }
  });
  const h = d.harmonisation;
  if (h.method === 'combat') {
    if (h.fit === 'all') {
      out.push(
        'harmonisation.fit: all — ComBat without a reference batch moves training values by statistics of validation ' +
          'patients; use fit: reference with a training-only referenceBatch, or fit: training',
      );
    }
    h.covariates.forEach((c, k) => {
      if (targets.includes(c)) {
        out.push(`harmonisation.covariates[${k}]: "${c}" is an outcome column — harmonising validation patients would use their outcomes`);
      }
    });
  }
  d.clinical.candidates.forEach((c, k) => {
    if (targets.includes(c.name)) out.push(`clinical.candidates[${k}]: "${c.name}" is the outcome or follow-up itself (target leakage)`);
  });
  return out;
}

/** Problems that depend on the data: the composition of ComBat batches by cohort, outcome columns used as features. */
export function dataLeakageProblems(d: StudyDefinition, clinical: ClinicalData, assignment: CohortAssignment, usedFeatures: readonly string[]): string[] {
  const out: string[] = [];
  const targets = targetColumns(d);
  for (const f of usedFeatures) if (targets.includes(f)) out.push(`feature "${f}" is the outcome/follow-up column (target leakage): exclude it from the feature groups`);
  const h = d.harmonisation;
  if (h.method === 'combat' && h.fit === 'reference' && h.referenceBatch !== undefined) {
    const column = clinical.columns.get(h.batchColumn);
    if (!column) return out;
    const byBatch = new Map<string, { training: number; validation: number }>();
    assignment.rows.forEach((row, i) => {
      const b = clinicalText(column, row) ?? '';
      const e = byBatch.get(b) ?? { training: 0, validation: 0 };
      e[assignment.cohort[i]]++;
      byBatch.set(b, e);
    });
    const ref = byBatch.get(h.referenceBatch);
    if (ref && ref.validation > 0) {
      out.push(
        `harmonisation.referenceBatch: batch "${h.referenceBatch}" holds ${ref.validation} validation patient(s); the reference ` +
          'batch defines the training scale, so it must be training-only',
      );
    }
    for (const [b, e] of byBatch) {
      if (b !== h.referenceBatch && e.training > 0 && e.validation > 0) {
        out.push(
          `harmonisation: batch "${b}" mixes ${e.training} training and ${e.validation} validation patients; its ComBat ` +
            'estimates would move training values using validation features (use fit: training)',
        );
      }
    }
  }
  return out;
}

/** Throws {@link StudyLeakageError} listing every leaking setting. */
export function assertNoLeakage(problems: readonly string[]): void {
  if (problems.length) throw new StudyLeakageError(problemMessage('the study would leak validation data into training:', problems), problems);
}
