/**
 * Derived clinical columns of a study definition (`derivedColumns`), computed on the loaded clinical table
 * before the input checks: recoding text categories to numbers (`map`) and dichotomising a number
 * (`above`: 1 when x > cut; `atLeast`: 1 when x ≥ cut; 0 otherwise). Missing stays missing; a value the
 * map does not cover is an error naming the patients.
 */
import { clinicalNumber, clinicalText, type ClinicalColumn, type ClinicalData } from './studyData';
import type { StudyDefinition } from './definition';
import { listNames } from './tableReaders';
import { StudyInputError, problemMessage } from './studyErrors';

/** The clinical table with the definition's derived columns added (the input is not modified). */
export function withDerivedColumns(d: StudyDefinition, clinical: ClinicalData): ClinicalData {
  const entries = Object.entries(d.derivedColumns);
  if (entries.length === 0) return clinical;
  const columns = new Map(clinical.columns);
  const problems: string[] = [];
  const n = clinical.ids.length;
  for (const [name, spec] of entries) {
    if (columns.has(name)) {
      problems.push(`derivedColumns.${name}: the clinical table already has a column "${name}"`);
      continue;
    }
    const source = columns.get(spec.from);
    if (!source) {
      problems.push(`derivedColumns.${name}: the clinical table has no column "${spec.from}"`);
      continue;
    }
    const values = new Float64Array(n);
    const unmapped = new Map<string, string[]>();
    for (let i = 0; i < n; i++) {
      if ('map' in spec) {
        const t = clinicalText(source, i);
        if (t === null) values[i] = NaN;
        else if (t in spec.map) values[i] = spec.map[t];
        else {
          values[i] = NaN;
          unmapped.set(t, [...(unmapped.get(t) ?? []), clinical.ids[i]]);
        }
      } else {
        const x = clinicalNumber(source, i);
        values[i] = Number.isNaN(x) ? NaN : ('above' in spec ? x > spec.above : x >= spec.atLeast) ? 1 : 0;
      }
    }
    for (const [t, ids] of unmapped) problems.push(`derivedColumns.${name}: value "${t}" of "${spec.from}" is not in the map (patient(s) ${listNames(ids)})`);
    const column: ClinicalColumn = { kind: 'number', values };
    columns.set(name, column);
  }
  if (problems.length) throw new StudyInputError(problemMessage('derived clinical columns cannot be computed:', problems), problems);
  return { ids: clinical.ids, columns };
}
