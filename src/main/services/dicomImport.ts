import { createHash } from 'node:crypto';
import { readDicomFile, readDicomHeader } from '../engine/io/dicom/readFile';
import { instanceHeader, listFilesRecursively, loadDicomSeries, seriesLabel, type DicomObjectKind } from '../engine/io/dicom/series';
import { scannerMetadata, timeOfDaySeconds, type ScannerMetadata } from '../engine/io/dicom/metadata';
import { assignPhases, type ContrastPhase, type PhaseAssignment } from '../engine/io/dicom/phase';
import { rasteriseRoi, readRtStruct } from '../engine/io/dicom/rtstruct';
import { readDicomSeg, segToMasks } from '../engine/io/dicom/seg';
import { TAG } from '../engine/io/dicom/tags';
import type { Volume } from '../engine/image/volume';
import type { Project } from '../storage/project';
import { centreId, createPatient, resolvePatient } from './pseudonyms';

/** One file's header facts, kept small so a cohort-sized scan stays in bounded memory. */
interface ScannedFile {
  path: string;
  kind: DicomObjectKind;
  modality: string;
  patientId: string;
  patientName?: string;
  birthDate?: string;
  institution?: string;
  studyInstanceUid: string;
  studyDate?: string;
  studyDescription?: string;
  seriesInstanceUid: string;
  seriesNumber?: number;
  seriesDescription?: string;
  frameOfReferenceUid?: string;
  acquisitionTime?: string;
}

interface ScannedSeries {
  files: ScannedFile[];
  /** Scanner metadata of the first file; acquisitionTime = earliest of the series. */
  metadata: ScannerMetadata;
}

export interface ImportOptions {
  /** Centre code for every patient of this import; default: the InstitutionName tag. */
  centre?: string;
  cohort?: string;
  /** Keep identifying data (source PatientID, name, birth date): opt-in only. */
  keepIdentity?: boolean;
  /** Manual phase per SeriesInstanceUID, overriding the automatic assignment. */
  phaseOverrides?: Record<string, ContrastPhase>;
  actor?: string;
  signal?: AbortSignal;
  /** Series already done by an interrupted run (from the job checkpoint). */
  done?: readonly string[];
  onProgress?(fraction: number, message: string): void;
  /** Called after each series is committed, with the UIDs done so far (the job checkpoint). */
  onCommitted?(done: string[]): void;
}

export interface ImportReport {
  patients: number;
  seriesImported: number;
  seriesAlreadyPresent: number;
  segmentationsImported: number;
  /** Series whose phase could not be assigned (imported as 'unassigned' for review). */
  review: { seriesInstanceUid: string; label: string; patientId: string; reason: string }[];
  /** Unreadable files and series that failed to load, each with its path and reason. */
  errors: { path: string; reason: string }[];
  warnings: string[];
}

function opt(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

function scanFile(path: string): { file: ScannedFile; metadata: ScannerMetadata } {
  const dicom = readDicomHeader(path);
  const h = instanceHeader(dicom);
  const ds = dicom.dataset;
  return {
    file: {
      path,
      kind: h.kind,
      modality: h.modality,
      patientId: opt(ds.string(TAG.PatientID)) ?? '',
      patientName: opt(ds.string(TAG.PatientName)),
      birthDate: opt(ds.string(TAG.PatientBirthDate)),
      institution: opt(ds.string(TAG.InstitutionName)),
      studyInstanceUid: h.studyInstanceUid,
      studyDate: opt(ds.string(TAG.StudyDate)),
      studyDescription: opt(ds.string(TAG.StudyDescription)),
      seriesInstanceUid: h.seriesInstanceUid,
      seriesNumber: h.seriesNumber,
      seriesDescription: h.seriesDescription,
      frameOfReferenceUid: h.frameOfReferenceUid,
      acquisitionTime: opt(ds.string(TAG.AcquisitionTime)),
    },
    metadata: scannerMetadata(ds),
  };
}

/** Longest stretch (ms) the header scan runs before letting the event loop serve IPC and the bridge. */
const SCAN_SLICE_MS = 25;

/**
 * Pass 1: headers only, grouped by series; unreadable files are reported, never thrown. Yields to the event loop
 * every {@link SCAN_SLICE_MS} ms so a folder of thousands of files does not freeze the app's main process.
 */
async function scanFolder(dir: string, report: ImportReport, signal?: AbortSignal): Promise<Map<string, ScannedSeries>> {
  const series = new Map<string, ScannedSeries>();
  let sliceStart = performance.now();
  for (const path of listFilesRecursively(dir)) {
    if (performance.now() - sliceStart > SCAN_SLICE_MS) {
      await new Promise((ok) => setImmediate(ok));
      sliceStart = performance.now();
    }
    if (signal?.aborted) throw new Error('import cancelled');
    let scanned: ReturnType<typeof scanFile>;
    try {
      scanned = scanFile(path);
    } catch (err) {
      report.errors.push({ path, reason: (err as Error).message });
      continue;
    }
    const f = scanned.file;
    if (f.kind === 'other') continue;
    const key = `${f.seriesInstanceUid}|${f.kind}`;
    let s = series.get(key);
    if (!s) {
      s = { files: [], metadata: scanned.metadata };
      series.set(key, s);
    }
    s.files.push(f);
    const t = timeOfDaySeconds(f.acquisitionTime);
    const t0 = timeOfDaySeconds(s.metadata.acquisitionTime);
    if (t !== undefined && (t0 === undefined || t < t0)) s.metadata.acquisitionTime = f.acquisitionTime;
  }
  return series;
}

function assignStudyPhases(imageSeries: ScannedSeries[], overrides: Record<string, ContrastPhase>): Map<string, PhaseAssignment> {
  const byStudy = new Map<string, ScannedSeries[]>();
  for (const s of imageSeries) {
    const study = s.files[0].studyInstanceUid;
    byStudy.set(study, [...(byStudy.get(study) ?? []), s]);
  }
  const out = new Map<string, PhaseAssignment>();
  for (const list of byStudy.values()) {
    const assignments = assignPhases(
      list.map((s) => ({
        seriesInstanceUid: s.files[0].seriesInstanceUid,
        studyInstanceUid: s.files[0].studyInstanceUid,
        seriesDescription: s.metadata.seriesDescription,
        protocolName: s.metadata.protocolName,
        contrastBolusAgent: s.metadata.contrastBolusAgent,
        contrastBolusStartTime: s.metadata.contrastBolusStartTime,
        acquisitionTime: s.metadata.acquisitionTime,
        seriesTime: s.metadata.seriesTime,
      })),
    );
    for (const a of assignments) out.set(a.seriesInstanceUid, a);
  }
  for (const [uid, phase] of Object.entries(overrides)) {
    out.set(uid, { seriesInstanceUid: uid, phase, basis: 'none', reason: 'set manually' });
  }
  return out;
}

function ensurePatient(project: Project, f: ScannedFile, options: ImportOptions): string {
  const sourceId = f.patientId || `unknown:${f.studyInstanceUid}`;
  const existing = resolvePatient(project, sourceId);
  if (existing) return existing;
  const centre = options.centre ?? f.institution;
  return createPatient(project, {
    sourceId,
    centreId: centre ? centreId(project, centre) : null,
    cohort: options.cohort ?? null,
    keepIdentity: options.keepIdentity,
    name: f.patientName ?? null,
    birthDate: f.birthDate ?? null,
  });
}

function ensureStudy(project: Project, patientId: string, f: ScannedFile): number {
  const db = project.db;
  const row = db.prepare('SELECT id, patient_id FROM studies WHERE study_instance_uid = ?').get(f.studyInstanceUid) as
    | { id: number; patient_id: string }
    | undefined;
  if (row) {
    if (row.patient_id !== patientId) throw new Error(`study ${f.studyInstanceUid} already belongs to patient ${row.patient_id}`);
    return row.id;
  }
  return Number(
    db
      .prepare('INSERT INTO studies (patient_id, study_instance_uid, study_date, description) VALUES (?, ?, ?, ?)')
      .run(patientId, f.studyInstanceUid, f.studyDate ?? null, f.studyDescription ?? null).lastInsertRowid,
  );
}

function importedReader(project: Project): number {
  const db = project.db;
  const row = db.prepare("SELECT id FROM readers WHERE name = 'imported'").get() as { id: number } | undefined;
  if (row) return row.id;
  return Number(db.prepare("INSERT INTO readers (name, role) VALUES ('imported', 'reader')").run().lastInsertRowid);
}

interface VolumeRow {
  id: number;
  size: string;
  spacing: string;
  origin: string;
  direction: string;
}

function volumeGrid(row: VolumeRow): Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'> {
  return { size: JSON.parse(row.size), spacing: JSON.parse(row.spacing), origin: JSON.parse(row.origin), direction: JSON.parse(row.direction) };
}

/**
 * Import a folder of DICOM files into a project: CT series become phase volumes in the content
 * store with their study/series rows and scanner metadata; RTSTRUCT and SEG objects that refer to
 * an imported series become segmentations of reader 'imported'. Idempotent (a series already in
 * the project is skipped by its SeriesInstanceUID), resumable (each series is committed on its
 * own, with the list of done series as checkpoint), and a bad file or series is reported with its
 * path and reason while the rest imports. Memory stays bounded: one series is decoded at a time.
 */
export async function importDicomFolder(project: Project, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { patients: 0, seriesImported: 0, seriesAlreadyPresent: 0, segmentationsImported: 0, review: [], errors: [], warnings: [] };
  const db = project.db;
  const progress = options.onProgress ?? (() => {});
  progress(0, `scanning ${dir}`);
  const scanned = await scanFolder(dir, report, options.signal);
  const images = [...scanned.values()].filter((s) => s.files[0].kind === 'image' && s.files[0].modality !== 'SEG');
  const derived = [...scanned.values()].filter((s) => s.files[0].kind === 'rtstruct' || s.files[0].kind === 'seg');
  const phases = assignStudyPhases(images, options.phaseOverrides ?? {});
  const done = new Set(options.done ?? []);
  const patients = new Set<string>();
  const total = images.length + derived.length;
  let step = 0;

  for (const s of images) {
    if (options.signal?.aborted) throw new Error('import cancelled');
    const f = s.files[0];
    const label = seriesLabel(f);
    progress(step++ / Math.max(1, total), `importing ${label}`);
    const present = db.prepare('SELECT v.id FROM series s JOIN volumes v ON v.series_id = s.id WHERE s.series_instance_uid = ?').get(f.seriesInstanceUid);
    if (present || done.has(f.seriesInstanceUid)) {
      report.seriesAlreadyPresent++;
      continue;
    }
    let loaded: Awaited<ReturnType<typeof loadDicomSeries>>;
    try {
      loaded = await loadDicomSeries(s.files.map((x) => x.path));
    } catch (err) {
      report.errors.push({ path: s.files[0].path, reason: `${label}: ${(err as Error).message}` });
      continue;
    }
    report.warnings.push(...loaded.warnings);
    const hash = project.store.putVolume(loaded.volume);
    const assignment = phases.get(f.seriesInstanceUid);
    const phase = assignment?.phase ?? 'unassigned';
    const m = loaded.metadata;
    let patientId = '';
    db.transaction(() => {
      patientId = ensurePatient(project, f, options);
      const studyId = ensureStudy(project, patientId, f);
      const seriesId = Number(
        db
          .prepare(
            `INSERT INTO series (study_id, series_instance_uid, modality, description, manufacturer, model, kernel, kvp,
               slice_thickness_mm, pixel_spacing_mm, acquisition_time, institution, file_count)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            studyId,
            f.seriesInstanceUid,
            m.modality ?? f.modality,
            m.seriesDescription ?? null,
            m.manufacturer ?? null,
            m.manufacturerModelName ?? null,
            m.convolutionKernel ?? null,
            m.kvp ?? null,
            m.sliceThickness ?? null,
            m.pixelSpacing ? JSON.stringify(m.pixelSpacing) : null,
            m.acquisitionTime ?? null,
            m.institutionName ?? null,
            s.files.length,
          ).lastInsertRowid,
      );
      const v = loaded.volume;
      db.prepare(
        `INSERT INTO volumes (patient_id, series_id, phase, content_hash, size, spacing, origin, direction, pixel_type)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(patientId, seriesId, phase, hash, JSON.stringify(v.size), JSON.stringify(v.spacing), JSON.stringify(v.origin), JSON.stringify(v.direction), v.data.constructor.name.replace('Array', '').toLowerCase());
      db.prepare('INSERT INTO audit_log (actor, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?)').run(
        options.actor ?? 'import',
        'series.import',
        'series',
        f.seriesInstanceUid,
        JSON.stringify({ phase, basis: assignment?.basis ?? 'none', files: s.files.length }),
      );
    })();
    patients.add(patientId);
    done.add(f.seriesInstanceUid);
    options.onCommitted?.([...done]);
    report.seriesImported++;
    if (phase === 'unassigned') {
      report.review.push({ seriesInstanceUid: f.seriesInstanceUid, label, patientId, reason: assignment?.reason ?? 'no phase evidence' });
    }
  }

  for (const s of derived) {
    if (options.signal?.aborted) throw new Error('import cancelled');
    const f = s.files[0];
    progress(step++ / Math.max(1, total), `importing ${f.kind.toUpperCase()} ${f.path}`);
    for (const file of s.files) {
      try {
        report.segmentationsImported += importDerivedObject(project, file);
      } catch (err) {
        report.errors.push({ path: file.path, reason: (err as Error).message });
      }
    }
  }
  report.patients = patients.size;
  progress(1, `imported ${report.seriesImported} series`);
  return report;
}

/** Store the masks of one RTSTRUCT or SEG file on the volume of the series it refers to. */
function importDerivedObject(project: Project, f: ScannedFile): number {
  const db = project.db;
  const dicom = readDicomFile(f.path);
  const findVolume = (seriesUid: string | undefined): VolumeRow | undefined =>
    seriesUid
      ? (db.prepare('SELECT v.id, v.size, v.spacing, v.origin, v.direction FROM volumes v JOIN series s ON s.id = v.series_id WHERE s.series_instance_uid = ?').get(seriesUid) as VolumeRow | undefined)
      : undefined;
  const masks: { name: string; mask: Volume<Uint8Array> }[] = [];
  let volume: VolumeRow | undefined;
  if (f.kind === 'rtstruct') {
    const rt = readRtStruct(dicom);
    volume = rt.referencedSeriesInstanceUids.map(findVolume).find((v) => v !== undefined);
    if (!volume) throw new Error(`${f.path}: RTSTRUCT refers to series ${rt.referencedSeriesInstanceUids.join(', ') || '(none)'}, not in the project`);
    for (const roi of rt.rois) masks.push({ name: roi.name, mask: rasteriseRoi(roi, volumeGrid(volume)).mask });
  } else {
    const seg = readDicomSeg(dicom);
    volume = findVolume(seg.referencedSeriesInstanceUid);
    if (!volume) throw new Error(`${f.path}: SEG refers to series ${seg.referencedSeriesInstanceUid ?? '(none)'}, not in the project`);
    for (const sm of segToMasks(seg, volumeGrid(volume)).masks) {
      const m = sm.mask;
      const data = m.data instanceof Uint8Array ? m.data : Uint8Array.from(m.data, (x) => (x >= 0.5 ? 1 : 0));
      masks.push({ name: sm.segment.label, mask: { ...m, data } });
    }
  }
  const reader = importedReader(project);
  const source = createHash('sha256').update(f.path).digest('hex').slice(0, 12);
  let n = 0;
  db.transaction(() => {
    masks.forEach(({ name, mask }, k) => {
      const hash = project.store.putVolume(mask);
      const exists = db.prepare('SELECT id FROM segmentations WHERE volume_id = ? AND reader_id = ? AND content_hash = ?').get(volume!.id, reader, hash);
      if (exists) return;
      db.prepare(
        `INSERT INTO segmentations (volume_id, reader_id, label, name, version, status, content_hash)
         VALUES (?, ?, ?, ?, (SELECT coalesce(max(version), 0) + 1 FROM segmentations WHERE volume_id = ? AND reader_id = ? AND label = ?), 'completed', ?)`,
      ).run(volume!.id, reader, k + 1, name, volume!.id, reader, k + 1, hash);
      n++;
    });
    db.prepare('INSERT INTO audit_log (actor, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?)').run('import', `${f.kind}.import`, 'segmentation', String(volume!.id), JSON.stringify({ source, masks: masks.length }));
  })();
  return n;
}
