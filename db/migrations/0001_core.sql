-- Core entities: centres, pseudonymous patients, DICOM studies/series, phases as volumes,
-- readers, reading sessions, segmentations, clinical data and outcomes.

CREATE TABLE centres (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE patients (
  id          TEXT PRIMARY KEY,                      -- pseudonymous id, e.g. 'RLS-0001'
  centre_id   INTEGER REFERENCES centres(id) ON DELETE RESTRICT,
  cohort      TEXT,                                  -- 'train' | 'validation' | free text
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Pseudonymisation: the source patient id is kept as a keyed hash (HMAC-SHA-256 with the project's
-- secret) so later imports find the same pseudonym; identifying fields only when the user opts in.
CREATE TABLE patient_identity (
  patient_id         TEXT PRIMARY KEY REFERENCES patients(id) ON DELETE CASCADE,
  source_id_hash     TEXT NOT NULL UNIQUE,
  source_patient_id  TEXT,
  patient_name       TEXT,
  birth_date         TEXT
);

CREATE TABLE studies (
  id                  INTEGER PRIMARY KEY,
  patient_id          TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  study_instance_uid  TEXT NOT NULL UNIQUE,
  study_date          TEXT,
  description         TEXT
);

CREATE TABLE series (
  id                   INTEGER PRIMARY KEY,
  study_id             INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  series_instance_uid  TEXT NOT NULL UNIQUE,
  modality             TEXT,
  description          TEXT,
  manufacturer         TEXT,
  model                TEXT,
  kernel               TEXT,
  kvp                  REAL,
  slice_thickness_mm   REAL,
  pixel_spacing_mm     TEXT,                          -- JSON [row, col]
  acquisition_time     TEXT,
  institution          TEXT,
  file_count           INTEGER
);

CREATE TABLE volumes (
  id            INTEGER PRIMARY KEY,
  patient_id    TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  series_id     INTEGER REFERENCES series(id) ON DELETE SET NULL,
  phase         TEXT NOT NULL CHECK (phase IN ('non-contrast', 'arterial', 'venous', 'delayed', 'unassigned')),
  content_hash  TEXT NOT NULL,                        -- key into the content-addressed store
  size          TEXT NOT NULL,                        -- JSON [x, y, z]
  spacing       TEXT NOT NULL,                        -- JSON [x, y, z] mm
  origin        TEXT NOT NULL,                        -- JSON [x, y, z] mm, LPS
  direction     TEXT NOT NULL,                        -- JSON 3x3 row-major
  pixel_type    TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (patient_id, content_hash)
);

CREATE TABLE readers (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'coordinator')),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE reading_sessions (
  id            INTEGER PRIMARY KEY,
  reader_id     INTEGER NOT NULL REFERENCES readers(id) ON DELETE RESTRICT,
  kind          TEXT NOT NULL CHECK (kind IN ('primary', 'inter', 'intra')),
  task          TEXT NOT NULL CHECK (task IN ('delineation', 'semantic', 'both')),
  phases        TEXT NOT NULL,                        -- JSON list of phases
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted')),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  submitted_at  TEXT
);

CREATE TABLE session_patients (
  session_id  INTEGER NOT NULL REFERENCES reading_sessions(id) ON DELETE CASCADE,
  patient_id  TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, patient_id)
);

CREATE TABLE segmentations (
  id            INTEGER PRIMARY KEY,
  volume_id     INTEGER NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
  reader_id     INTEGER REFERENCES readers(id) ON DELETE RESTRICT,
  session_id    INTEGER REFERENCES reading_sessions(id) ON DELETE RESTRICT,
  label         INTEGER NOT NULL DEFAULT 1,
  name          TEXT NOT NULL DEFAULT 'tumour',
  version       INTEGER NOT NULL DEFAULT 1,
  status        TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'completed', 'flagged')),
  content_hash  TEXT,                                 -- mask in the content-addressed store
  parent_id     INTEGER REFERENCES segmentations(id),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (volume_id, reader_id, session_id, label, version)
);

CREATE TABLE clinical_variables (
  id          INTEGER PRIMARY KEY,
  patient_id  TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,                           -- e.g. 'age', 'ki67', 'tumour_size_mm'
  value_num   REAL,
  value_text  TEXT,
  reader_id   INTEGER REFERENCES readers(id)           -- semantic ratings belong to a reader
);

-- One value per patient, variable and reader (NULL reader = the clinical record).
CREATE UNIQUE INDEX clinical_variables_key ON clinical_variables (patient_id, name, coalesce(reader_id, 0));

CREATE TABLE outcomes (
  patient_id       TEXT PRIMARY KEY REFERENCES patients(id) ON DELETE CASCADE,
  mdm              INTEGER CHECK (mdm IN (0, 1)),        -- metachronous distant metastasis
  followup_months  REAL CHECK (followup_months >= 0),
  event            INTEGER CHECK (event IN (0, 1))
);
