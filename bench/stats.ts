export {};

/**
 * `npm run bench:stats`: every statistics benchmark of the study's scale, in one run (prints
 * figures; never a test). LASSO-logistic 10-fold CV on 121 × 7,000 (≤ 5 s), mRMR top-25 of 7,000
 * (≤ 2 s), bootstrap calibration B = 1000 on n = 200 (≤ 1 s), ComBat on 180 × 7,000 (≤ 1 s).
 */
await import('./statsLasso');
await import('./statsOther');
