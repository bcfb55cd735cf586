-- Reading workflow for the dual-reader / repeat-reader agreement study: who created a session, which
-- earlier session a repeat (intra-observer) session repeats and its wash-out interval, the seed of a
-- randomly drawn patient subset; versioned semantic ratings; immutability of submitted sessions.

ALTER TABLE reading_sessions ADD COLUMN name TEXT;
ALTER TABLE reading_sessions ADD COLUMN created_by INTEGER REFERENCES readers(id);
-- Intra-observer sessions: the same reader's earlier session whose patients are read again.
ALTER TABLE reading_sessions ADD COLUMN repeat_of INTEGER REFERENCES reading_sessions(id);
-- Minimum days between the reader's last read of a patient in `repeat_of` and opening this session.
ALTER TABLE reading_sessions ADD COLUMN washout_days REAL;
-- A coordinator's reason for opening before the wash-out ended (also in the audit log).
ALTER TABLE reading_sessions ADD COLUMN washout_override TEXT;
-- Seed of the R-compatible draw of the patient subset (NULL when patients were listed explicitly).
ALTER TABLE reading_sessions ADD COLUMN subset_seed INTEGER;
ALTER TABLE reading_sessions ADD COLUMN opened_at TEXT;

CREATE INDEX segmentations_by_session ON segmentations (session_id, reader_id, volume_id);

-- A reader's semantic rating of one variable of one patient (e.g. necrosis 0/1, tumour_size_mm),
-- append-only: every change is a new version pointing to its parent.
CREATE TABLE semantic_ratings (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER REFERENCES reading_sessions(id) ON DELETE RESTRICT,
  patient_id  TEXT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  reader_id   INTEGER NOT NULL REFERENCES readers(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL,
  value_num   REAL,                                  -- NULL = not assessable
  version     INTEGER NOT NULL,
  parent_id   INTEGER REFERENCES semantic_ratings(id),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE UNIQUE INDEX semantic_ratings_key ON semantic_ratings (coalesce(session_id, 0), patient_id, reader_id, name, version);

CREATE TRIGGER semantic_ratings_no_update BEFORE UPDATE ON semantic_ratings
BEGIN
  SELECT RAISE(ABORT, 'semantic ratings are append-only: save a new version');
END;

-- Rows of a submitted session never change: later edits are new version rows (parent_id).
CREATE TRIGGER segmentations_submitted_no_update BEFORE UPDATE ON segmentations
WHEN OLD.session_id IS NOT NULL AND (SELECT status FROM reading_sessions WHERE id = OLD.session_id) = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'this segmentation belongs to a submitted reading session and is immutable: save a new version');
END;

CREATE TRIGGER segmentations_submitted_no_delete BEFORE DELETE ON segmentations
WHEN OLD.session_id IS NOT NULL AND (SELECT status FROM reading_sessions WHERE id = OLD.session_id) = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'this segmentation belongs to a submitted reading session and is immutable');
END;

CREATE TRIGGER reading_sessions_submitted_frozen BEFORE UPDATE ON reading_sessions
WHEN OLD.status = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'a submitted reading session cannot be reopened or changed');
END;

CREATE TRIGGER session_patients_submitted_frozen BEFORE INSERT ON session_patients
WHEN (SELECT status FROM reading_sessions WHERE id = NEW.session_id) = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'patients cannot be added to a submitted reading session');
END;
