-- Feature runs and values (long format), models, evaluations and reports.

CREATE TABLE feature_runs (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('radiomics', 'deep')),
  params_hash       TEXT NOT NULL,                     -- sha256 of the canonical parameter JSON
  params_json       TEXT NOT NULL,
  software_version  TEXT NOT NULL,
  model_sha256      TEXT,                              -- deep features: the ONNX file checksum
  provider          TEXT,                              -- deep features: execution provider used
  status            TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Which image and mask each patient/phase of a run used.
CREATE TABLE feature_run_inputs (
  run_id           INTEGER NOT NULL REFERENCES feature_runs(id) ON DELETE CASCADE,
  patient_id       TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  phase            TEXT NOT NULL,
  volume_id        INTEGER REFERENCES volumes(id) ON DELETE SET NULL,
  segmentation_id  INTEGER REFERENCES segmentations(id) ON DELETE SET NULL,
  diagnostics_json TEXT,                               -- pyradiomics diagnostics_* of this case
  PRIMARY KEY (run_id, patient_id, phase)
);

CREATE TABLE feature_values (
  run_id      INTEGER NOT NULL REFERENCES feature_runs(id) ON DELETE CASCADE,
  patient_id  TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  phase       TEXT NOT NULL,                           -- 'arterial' | 'venous' | 'delayed'
  feature     TEXT NOT NULL,                           -- pyradiomics key, e.g. original_glcm_Idmn
  value       REAL,                                    -- NULL = NaN / undefined
  PRIMARY KEY (run_id, patient_id, phase, feature)
) WITHOUT ROWID;

CREATE INDEX feature_values_by_feature ON feature_values (run_id, feature, patient_id);

CREATE TABLE models (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,                      -- 'RS', 'DLRS', 'clinical', 'DLRN', ...
  kind             TEXT NOT NULL,
  study_hash       TEXT,
  definition_json  TEXT NOT NULL,                      -- coefficients, features, scaling
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE evaluations (
  id            INTEGER PRIMARY KEY,
  model_id      INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
  cohort        TEXT NOT NULL,
  metrics_json  TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('study', 'patient')),
  patient_id    TEXT REFERENCES patients(id) ON DELETE SET NULL,
  path          TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
