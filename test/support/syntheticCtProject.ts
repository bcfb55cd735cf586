import type { Direction, Vec3, Volume } from '../../src/main/engine/image/volume';
import type { Project } from '../../src/main/storage/project';

export interface PhaseGrid {
  phase: 'arterial' | 'venous' | 'delayed';
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
}

/**
 * A CT-like abdomen in HU on any grid, defined in physical space (LPS mm) so that several phases
 * on different grids show the same anatomy: air outside an elliptical body (fat rim, soft tissue),
 * a liver-like organ, a bony vertebra and a round low-density "tumour" centred at `tumourCentre`.
 */
export function syntheticCt(grid: Omit<PhaseGrid, 'phase'>, enhancement = 0): Volume<Int16Array> {
  const [nx, ny, nz] = grid.size;
  const data = new Int16Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    const pz = grid.origin[2] + z * grid.spacing[2];
    for (let y = 0; y < ny; y++) {
      const py = grid.origin[1] + y * grid.spacing[1];
      for (let x = 0; x < nx; x++) {
        const px = grid.origin[0] + x * grid.spacing[0];
        const body = (px / 150) ** 2 + (py / 110) ** 2;
        let hu = -1000;
        if (body < 1) hu = body > 0.8 ? -100 : 40;
        if ((px + 60) ** 2 / 70 ** 2 + (py + 10) ** 2 / 55 ** 2 < 1) hu = 60 + enhancement;
        if (px ** 2 + (py - 70) ** 2 < 18 ** 2) hu = 700;
        if (tumourDistance([px, py, pz]) < 22) hu = 20 + enhancement / 3;
        // Deterministic texture so W/L changes are visible.
        if (body < 1) hu += ((x * 7 + y * 13 + z * 5) % 11) - 5;
        data[x + nx * (y + ny * z)] = hu;
      }
    }
  }
  return { size: grid.size, spacing: grid.spacing, origin: grid.origin, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Direction, data };
}

export const tumourCentre: Vec3 = [-55, -5, 0];
function tumourDistance(p: Vec3): number {
  return Math.hypot(p[0] - tumourCentre[0], p[1] - tumourCentre[1], p[2] - tumourCentre[2]);
}

/** Three phases on deliberately different grids (size, spacing and origin), covering the same anatomy. */
export const threePhaseGrids: PhaseGrid[] = [
  { phase: 'arterial', size: [128, 96, 24], spacing: [2.5, 2.5, 2.5], origin: [-158.75, -118.75, -28.75] },
  { phase: 'venous', size: [160, 120, 20], spacing: [2, 2, 3], origin: [-159, -119, -28.5] },
  { phase: 'delayed', size: [107, 80, 15], spacing: [3, 3, 4], origin: [-159, -118.5, -28] },
];

export interface SyntheticPatient {
  patientId: string;
  readerId: number;
  volumeIds: Record<string, number>;
}

/** Insert one patient with the given phase volumes and one reader directly through storage. */
export function addSyntheticPatient(
  project: Project,
  options: { patientId?: string; readerName?: string; grids?: PhaseGrid[]; centre?: string; cohort?: string } = {},
): SyntheticPatient {
  const db = project.db;
  const patientId = options.patientId ?? 'PT-0001';
  const grids = options.grids ?? threePhaseGrids;
  const enhancement: Record<PhaseGrid['phase'], number> = { arterial: 120, venous: 60, delayed: 20 };
  const volumeIds: Record<string, number> = {};
  let readerId = 0;
  db.transaction(() => {
    let centreId: number | null = null;
    if (options.centre) {
      const row = db.prepare('SELECT id FROM centres WHERE code = ?').get(options.centre) as { id: number } | undefined;
      centreId = row?.id ?? Number(db.prepare('INSERT INTO centres (code, name) VALUES (?, ?)').run(options.centre, options.centre).lastInsertRowid);
    }
    db.prepare('INSERT INTO patients (id, centre_id, cohort) VALUES (?, ?, ?)').run(patientId, centreId, options.cohort ?? 'train');
    for (const g of grids) {
      const v = syntheticCt(g, enhancement[g.phase]);
      const hash = project.store.putVolume(v);
      volumeIds[g.phase] = Number(
        db
          .prepare('INSERT INTO volumes (patient_id, phase, content_hash, size, spacing, origin, direction, pixel_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(patientId, g.phase, hash, JSON.stringify(v.size), JSON.stringify(v.spacing), JSON.stringify(v.origin), JSON.stringify(v.direction), 'int16')
          .lastInsertRowid,
      );
    }
    const name = options.readerName ?? 'Reader A';
    const existing = db.prepare('SELECT id FROM readers WHERE name = ?').get(name) as { id: number } | undefined;
    readerId = existing?.id ?? Number(db.prepare('INSERT INTO readers (name) VALUES (?)').run(name).lastInsertRowid);
  })();
  return { patientId, readerId, volumeIds };
}
