/**
 * Stage `table2`: univariate and multivariable logistic regression of the DLRN's candidates, as a radiomics
 * paper's Table 2 — each of the signature score and the clinical candidates alone (training cohort), and the
 * DLRN model's terms together; odds ratios with Wald (`confint.default`) or profile-likelihood (MASS `confint`)
 * intervals and Wald p-values.
 */
import { fitLogistic } from '../../models/logistic';
import { designColumns, oddsRatioCells } from '../../models/logisticTable';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';
import { take } from '../split';
import type { Table2Result } from '../resultsSchema';
import { candidateValues, tablePredictor, type ClinicalOutput } from './clinicalStage';
import type { SignatureOutput } from './signatureStage';

export function table2Stage(d: StudyDefinition): StageSpec {
  const interval = d.clinical.interval;
  return {
    name: 'table2',
    settings: { interval, candidates: d.clinical.candidates, confLevel: d.evaluation.confLevel, outcome: d.outcome.column },
    inputs: ['split', `signature:${d.dlrn.signature}`, 'clinical'],
    data: [{ kind: 'clinical', columns: d.clinical.candidates.map((c) => c.name) }],
    run(ctx): Table2Result {
      const split = ctx.input<SplitOutput>('split');
      const tr = split.training;
      const y = take(split.y, tr);
      const score = ctx.input<SignatureOutput>(`signature:${d.dlrn.signature}`).lp as Float64Array;
      const clinical = ctx.input<ClinicalOutput>('clinical');
      const level = d.evaluation.confLevel;
      const predictors = [
        { name: 'score', values: take(score, tr) },
        // Candidates the clinical stage left out (separation on training) are not estimable here either.
        ...d.clinical.candidates
          .filter((c) => clinical.candidates.includes(c.name))
          .map((c) => tablePredictor(c, candidateValues(c, ctx.data.clinical, split.ids), tr)),
      ];
      const multiNames = ['score', ...clinical.kept];
      const multiColumns = predictors.filter((p) => multiNames.includes(p.name)).flatMap(designColumns);
      const multi = fitLogistic(multiColumns, y, level);
      const multiCells = oddsRatioCells(multi, interval);
      const multiByTerm = new Map(multi.terms.map((t, j) => [t.term, multiCells[j]]));
      const rows: Table2Result['rows'] = [];
      for (const p of predictors) {
        const model = fitLogistic(designColumns(p), y, level);
        const cells = oddsRatioCells(model, interval);
        model.terms.slice(1).forEach((t, k) => {
          const m = multiByTerm.get(t.term);
          rows.push({
            variable: p.name,
            term: t.term,
            univariate: cells[k + 1],
            multivariable: m ?? null,
            ...(m ? {} : { reasons: { multivariable: 'not in the multivariable (DLRN) model' } }),
          });
        });
      }
      return { interval, multivariableFormula: `${d.outcome.column} ~ ${multiNames.join(' + ')}`, rows };
    },
  };
}
