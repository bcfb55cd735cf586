/**
 * Stage `features`: the feature columns some signature uses, re-ordered to the study patients.
 */
import { groupMembers, usedFeatures } from '../featureSets';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput, SplitOutput } from '../stageTypes';

export function featuresStage(d: StudyDefinition): StageSpec {
  return {
    name: 'features',
    settings: {
      featureGroups: d.featureGroups,
      signatures: d.signatures.map((s) => ({ groups: s.groups, patterns: s.patterns })),
    },
    inputs: ['split'],
    data: [{ kind: 'features' }],
    run(ctx): FeaturesOutput {
      const split = ctx.input<SplitOutput>('split');
      const f = ctx.data.features;
      const rowOf = new Map(f.ids.map((id, i) => [id, i]));
      const rows = split.ids.map((id) => rowOf.get(id) as number);
      const names = usedFeatures(d, f.names);
      const index = new Map(f.names.map((n, j) => [n, j]));
      const used = new Set(names);
      const groups = Object.fromEntries(Object.entries(groupMembers(d, f.names)).map(([g, m]) => [g, m.filter((n) => used.has(n))]));
      return {
        names,
        columns: names.map((n) => {
          const col = f.columns[index.get(n) as number];
          return Float64Array.from(rows, (r) => col[r]);
        }),
        groups,
      };
    },
  };
}
