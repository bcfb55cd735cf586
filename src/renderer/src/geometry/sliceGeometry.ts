import type { Axis, Vec3 } from '../tools/grid';

/**
 * Slice-view geometry in patient space (LPS, mm), shared by every pane so that phases on different
 * grids line up by physical position. Views follow the radiological convention: axial seen from
 * the feet (patient left on screen right, anterior up), coronal from the front, sagittal from the
 * patient's left (anterior on screen left).
 */
export type Orientation = 'axial' | 'coronal' | 'sagittal';
export const ORIENTATIONS: Orientation[] = ['axial', 'coronal', 'sagittal'];

export interface ImageGeometry {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** Row-major 3×3; column c is the LPS direction of image axis c. */
  direction: number[];
}

/** Direction of projection (into the screen) and screen-up, in LPS. */
export const VIEW_VECTORS: Record<Orientation, { dop: Vec3; up: Vec3 }> = {
  axial: { dop: [0, 0, 1], up: [0, -1, 0] },
  coronal: { dop: [0, 1, 0], up: [0, 0, 1] },
  sagittal: { dop: [-1, 0, 0], up: [0, 0, 1] },
};

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const add = (a: Vec3, b: Vec3, s = 1): Vec3 => [a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]];

/** Screen-right in LPS (direction of projection × up). */
export function screenRight(o: Orientation): Vec3 {
  return cross(VIEW_VECTORS[o].dop, VIEW_VECTORS[o].up);
}

/** p = origin + D · diag(spacing) · idx (ITK's continuous index → physical point). */
export function indexToWorld(g: ImageGeometry, idx: Vec3): Vec3 {
  const d = g.direction;
  const s = [idx[0] * g.spacing[0], idx[1] * g.spacing[1], idx[2] * g.spacing[2]];
  return [
    g.origin[0] + d[0] * s[0] + d[1] * s[1] + d[2] * s[2],
    g.origin[1] + d[3] * s[0] + d[4] * s[1] + d[5] * s[2],
    g.origin[2] + d[6] * s[0] + d[7] * s[1] + d[8] * s[2],
  ];
}

/** Inverse of {@link indexToWorld} (D orthonormal). */
export function worldToIndex(g: ImageGeometry, p: Vec3): Vec3 {
  const d = g.direction;
  const q = [p[0] - g.origin[0], p[1] - g.origin[1], p[2] - g.origin[2]];
  return [
    (d[0] * q[0] + d[3] * q[1] + d[6] * q[2]) / g.spacing[0],
    (d[1] * q[0] + d[4] * q[1] + d[7] * q[2]) / g.spacing[1],
    (d[2] * q[0] + d[5] * q[1] + d[8] * q[2]) / g.spacing[2],
  ];
}

/** The image axis most nearly along the view's direction of projection: the axis a view slices. */
export function sliceAxisOf(g: ImageGeometry, o: Orientation): Axis {
  const dop = VIEW_VECTORS[o].dop;
  let best: Axis = 0;
  let bestDot = -1;
  for (const c of [0, 1, 2] as Axis[]) {
    const col: Vec3 = [g.direction[c], g.direction[3 + c], g.direction[6 + c]];
    const v = Math.abs(dot(col, dop));
    if (v > bestDot) {
      bestDot = v;
      best = c;
    }
  }
  return best;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Slice index of the view through `world` (nearest slice, clamped to the volume). */
export function sliceIndexAt(g: ImageGeometry, o: Orientation, world: Vec3): number {
  const axis = sliceAxisOf(g, o);
  return clamp(Math.round(worldToIndex(g, world)[axis]), 0, g.size[axis] - 1);
}

/** Move `cursor` by `delta` slices of this volume along the view normal, clamped to the volume. */
export function stepCursor(g: ImageGeometry, o: Orientation, cursor: Vec3, delta: number): Vec3 {
  const axis = sliceAxisOf(g, o);
  const idx = worldToIndex(g, cursor);
  idx[axis] = clamp(Math.round(idx[axis]) + delta, 0, g.size[axis] - 1);
  return indexToWorld(g, idx);
}

/** Physical centre of the volume. */
export function volumeCentre(g: ImageGeometry): Vec3 {
  return indexToWorld(g, [(g.size[0] - 1) / 2, (g.size[1] - 1) / 2, (g.size[2] - 1) / 2]);
}

/** Camera of one orientation, shared by every pane showing it: in-plane centre and zoom. */
export interface CameraState {
  center: Vec3;
  /** Half the viewport height in mm (vtk's parallel scale). */
  parallelScale: number;
}

export interface Viewport {
  width: number;
  height: number;
}

/** The vtk camera of a pane: focal point on the displayed slice plane through `planePoint`. */
export function paneCamera(o: Orientation, cam: CameraState, planePoint: Vec3): { focal: Vec3; position: Vec3; viewUp: Vec3; parallelScale: number } {
  const { dop, up } = VIEW_VECTORS[o];
  const focal = add(cam.center, dop, dot([planePoint[0] - cam.center[0], planePoint[1] - cam.center[1], planePoint[2] - cam.center[2]], dop));
  return { focal, position: add(focal, dop, -1000), viewUp: up, parallelScale: cam.parallelScale };
}

/** World point (on the plane through `focal`) under display pixel (px, py), y down. */
export function displayToWorld(o: Orientation, focal: Vec3, parallelScale: number, vp: Viewport, px: number, py: number): Vec3 {
  const s = parallelScale / (vp.height / 2);
  const r = screenRight(o);
  const up = VIEW_VECTORS[o].up;
  return add(add(focal, r, (px - vp.width / 2) * s), up, (vp.height / 2 - py) * s);
}

/** Display pixel (y down) of a world point. */
export function worldToDisplay(o: Orientation, focal: Vec3, parallelScale: number, vp: Viewport, p: Vec3): [number, number] {
  const s = parallelScale / (vp.height / 2);
  const q: Vec3 = [p[0] - focal[0], p[1] - focal[1], p[2] - focal[2]];
  return [vp.width / 2 + dot(q, screenRight(o)) / s, vp.height / 2 - dot(q, VIEW_VECTORS[o].up) / s];
}

/** Camera that fits the whole volume (voxel edges included) in the viewport, with a small margin. */
export function fitCamera(g: ImageGeometry, o: Orientation, vp: Viewport, margin = 1.04): CameraState {
  const r = screenRight(o);
  const up = VIEW_VECTORS[o].up;
  const centre = volumeCentre(g);
  let hx = 0;
  let hy = 0;
  for (const ci of [-0.5, g.size[0] - 0.5]) {
    for (const cj of [-0.5, g.size[1] - 0.5]) {
      for (const ck of [-0.5, g.size[2] - 0.5]) {
        const p = indexToWorld(g, [ci, cj, ck]);
        const q: Vec3 = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
        hx = Math.max(hx, Math.abs(dot(q, r)));
        hy = Math.max(hy, Math.abs(dot(q, up)));
      }
    }
  }
  const aspect = vp.width / Math.max(vp.height, 1);
  return { center: centre, parallelScale: Math.max(hy, hx / aspect) * margin };
}

/** Zoom by `factor` (> 1 magnifies) keeping the world point under (px, py) fixed on screen. */
export function zoomAt(o: Orientation, cam: CameraState, vp: Viewport, factor: number, px: number, py: number): CameraState {
  const before = displayToWorld(o, cam.center, cam.parallelScale, vp, px, py);
  const scale = cam.parallelScale / factor;
  const after = displayToWorld(o, cam.center, scale, vp, px, py);
  return { center: add(cam.center, [before[0] - after[0], before[1] - after[1], before[2] - after[2]]), parallelScale: scale };
}

/** Pan so the content follows a drag of (dx, dy) display pixels. */
export function panBy(o: Orientation, cam: CameraState, vp: Viewport, dx: number, dy: number): CameraState {
  const s = cam.parallelScale / (vp.height / 2);
  const center = add(add(cam.center, screenRight(o), -dx * s), VIEW_VECTORS[o].up, dy * s);
  return { center, parallelScale: cam.parallelScale };
}
