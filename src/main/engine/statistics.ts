/**
 * The statistics core of DLRN Studio: one entry module for the study pipeline, the app and power
 * users' scripts. Every method is a pure function over typed arrays, verified against the R package
 * named in its TSDoc (see docs/STATISTICS.md for the measured agreement):
 *
 * - distributions: normal, t, χ², F, beta (R `p*`/`q*`)
 * - descriptive statistics and Table-1 tests: quantile type 7, Mann–Whitney, χ², Fisher, t-tests (stats)
 * - reader agreement: ICC in all McGraw & Wong forms (irr/psych), Cohen's kappa (irr/vcd)
 * - harmonisation and scaling: ComBat fit/apply (sva), z-scores
 * - selection: mRMR (mRMRe classic), LASSO / elastic-net logistic and cv.glmnet (glmnet)
 * - models: logistic regression (glm, MASS profile CIs, rms lrm), nomogram scales (rms), k-NN (class)
 * - discrimination: ROC, AUC with DeLong CI, paired/unpaired DeLong tests, thresholds (pROC)
 * - calibration and utility: val.prob statistics, bootstrap-corrected calibration (rms), Hosmer–Lemeshow,
 *   decision curves
 * - survival: Kaplan–Meier, log-rank, Cox PH with Efron ties, Harrell's C (survival, Hmisc)
 * - seeded randomness: R-compatible Mersenne-Twister
 */
export * from './stats/distributions';
export * from './stats/descriptive';
export * from './stats/errors';
export * from './stats/rng';
export * from './stats/tests/wilcoxon';
export * from './stats/tests/chisq';
export * from './stats/tests/fisher';
export * from './stats/tests/ttest';
export * from './stats/icc';
export * from './stats/kappa';
export * from './stats/roc';
export * from './stats/delong';
export * from './stats/calibration';
export * from './stats/bootstrapCalibration';
export * from './stats/hosmerLemeshow';
export * from './stats/decisionCurve';
export * from './harmonisation/combat';
export * from './harmonisation/scaling';
export * from './selection/mrmr';
export * from './selection/lasso';
export * from './selection/cvGlmnet';
export * from './models/logistic';
export * from './models/logisticTable';
export * from './models/nomogram';
export * from './models/knn';
export * from './survival/kaplanMeier';
export * from './survival/logRank';
export * from './survival/coxph';
export * from './survival/cIndex';
