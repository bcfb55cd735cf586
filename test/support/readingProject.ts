import type { Direction, Vec3, Volume } from '../../src/main/engine/image/volume';
import type { Project } from '../../src/main/storage/project';

/**
 * A small agreement-study project through the storage APIs: patients with one small CT volume per
 * phase, each with a spherical "tumour" whose radius and enhancement vary by patient, and helpers to
 * draw readers' spherical masks of chosen radius (so readers disagree by a known amount).
 */
export const READING_GRID = { size: [28, 28, 10] as Vec3, spacing: [1.5, 1.5, 3] as Vec3, origin: [-21, -21, -15] as Vec3 };
const IDENTITY: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export interface ReadingPatient {
  id: string;
  /** True tumour radius, mm. */
  radius: number;
  volumes: Record<string, number>;
}

function centreOf(i: number): Vec3 {
  return [((i % 3) - 1) * 2, ((i % 2) - 0.5) * 3, 0];
}

/** CT in HU: soft tissue 40 with a deterministic texture; the tumour 40 + enhancement + its own texture. */
function ct(i: number, radius: number, enhancement: number): Volume<Int16Array> {
  const { size, spacing, origin } = READING_GRID;
  const data = new Int16Array(size[0] * size[1] * size[2]);
  const c = centreOf(i);
  for (let z = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++) {
        const p = [origin[0] + x * spacing[0], origin[1] + y * spacing[1], origin[2] + z * spacing[2]];
        const d = Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]);
        let hu = 40 + ((x * 7 + y * 13 + z * 5) % 11) - 5;
        if (d < radius) hu = 40 + enhancement + ((x * 3 + y * 5 + z * 7 + i) % 17) * (1 + (i % 4)) - 10;
        data[x + size[0] * (y + size[1] * z)] = hu;
      }
  return { size, spacing, origin, direction: IDENTITY, data };
}

/** A 0/1 sphere mask of radius r mm around patient i's tumour centre, on the reading grid. */
export function sphereMask(i: number, r: number): Volume<Uint8Array> {
  const { size, spacing, origin } = READING_GRID;
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  const c = centreOf(i);
  for (let z = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++) {
        const p = [origin[0] + x * spacing[0], origin[1] + y * spacing[1], origin[2] + z * spacing[2]];
        if (Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= r) data[x + size[0] * (y + size[1] * z)] = 1;
      }
  return { size, spacing, origin, direction: IDENTITY, data };
}

/** Insert `n` patients (PT-0001…) with `phases` volumes; clinical rows and outcomes for blinding tests. */
export function addReadingPatients(project: Project, n: number, phases: string[] = ['venous']): ReadingPatient[] {
  const db = project.db;
  const out: ReadingPatient[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `PT-${String(i + 1).padStart(4, '0')}`;
      const radius = 6 + (i % 5) * 1.5 + (i % 3);
      db.prepare('INSERT INTO patients (id, cohort) VALUES (?, ?)').run(id, i % 2 ? 'validation' : 'train');
      db.prepare('INSERT INTO outcomes (patient_id, mdm, followup_months, event) VALUES (?, ?, ?, ?)').run(id, i % 2, 12 + i, i % 2);
      db.prepare("INSERT INTO clinical_variables (patient_id, name, value_num) VALUES (?, 'age', ?)").run(id, 40 + i);
      const volumes: Record<string, number> = {};
      phases.forEach((phase, k) => {
        const v = ct(i, radius, 30 + 15 * (i % 4) + 20 * k);
        const hash = project.store.putVolume(v);
        volumes[phase] = Number(
          db
            .prepare('INSERT INTO volumes (patient_id, phase, content_hash, size, spacing, origin, direction, pixel_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(id, phase, hash, JSON.stringify(v.size), JSON.stringify(v.spacing), JSON.stringify(v.origin), JSON.stringify(v.direction), 'int16').lastInsertRowid,
        );
      });
      out.push({ id, radius, volumes });
    }
  })();
  return out;
}
