/**
 * Stage `split`: training/validation cohorts with outcome and follow-up of every study patient.
 */
import { assignCohorts, cohortIndices } from '../split';
import { clinicalNumber } from '../studyData';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';

export function splitStage(d: StudyDefinition): StageSpec {
  const columns = [d.outcome.column, ...(d.cohorts.method === 'random' ? [] : [d.cohorts.column]), ...(d.survival ? [d.survival.time, d.survival.event] : [])];
  return {
    name: 'split',
    settings: { idColumn: d.patients.idColumn, outcome: d.outcome.column, cohorts: d.cohorts, survival: d.survival ?? null },
    inputs: [],
    data: [{ kind: 'clinical', columns }],
    run(ctx): SplitOutput {
      const clinical = ctx.data.clinical;
      const a = assignCohorts(d, clinical);
      const col = (name: string): Float64Array => {
        const c = clinical.columns.get(name);
        if (!c) throw new Error(`split: clinical column ${name} is missing`);
        return Float64Array.from(a.rows, (r) => clinicalNumber(c, r));
      };
      return {
        ids: a.ids,
        cohort: a.cohort,
        training: cohortIndices(a, 'training'),
        validation: cohortIndices(a, 'validation'),
        y: col(d.outcome.column),
        time: d.survival ? col(d.survival.time) : null,
        event: d.survival ? col(d.survival.event) : null,
        excluded: a.excluded,
        method: d.cohorts.method,
      };
    },
  };
}
