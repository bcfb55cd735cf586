/**
 * Volume and surface area of the convex hull of a binary mask's marching-cubes mesh, for the IBSI-1
 * convex-hull densities (reference manual §3.1, "Volume density – convex hull" R3ER and "Area density –
 * convex hull" 7T7F). The mesh pyradiomics and IBSI build at level ½ on the 0/1 mask has its vertices at
 * the midpoints between 6-neighbouring inside and outside voxel centres, so its hull is the hull of those
 * midpoints. A hull vertex is extreme on every axis-parallel line through it, so only the midpoints that
 * are the first or last on their x-, y- and z-lines are kept before an incremental 3-D hull
 * (O(n·h), n candidate points, h hull faces).
 */
import type { Vec3 } from '../../image/volume';

type Point = [number, number, number];

/** Midpoints (in half-voxel units, integers) between inside voxels and their outside 6-neighbours. */
function meshVertices(mask: ArrayLike<number>, size: Vec3): Point[] {
  const [nx, ny, nz] = size;
  const inside = (x: number, y: number, z: number): boolean => x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && mask[x + nx * (y + ny * z)] !== 0;
  const out: Point[] = [];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!inside(x, y, z)) continue;
        if (!inside(x - 1, y, z)) out.push([2 * x - 1, 2 * y, 2 * z]);
        if (!inside(x + 1, y, z)) out.push([2 * x + 1, 2 * y, 2 * z]);
        if (!inside(x, y - 1, z)) out.push([2 * x, 2 * y - 1, 2 * z]);
        if (!inside(x, y + 1, z)) out.push([2 * x, 2 * y + 1, 2 * z]);
        if (!inside(x, y, z - 1)) out.push([2 * x, 2 * y, 2 * z - 1]);
        if (!inside(x, y, z + 1)) out.push([2 * x, 2 * y, 2 * z + 1]);
      }
    }
  }
  return out;
}

/** The points that are the first or last of their line along every axis. */
function lineExtremes(points: Point[]): Point[] {
  const keep = new Uint8Array(points.length).fill(1);
  for (let axis = 0; axis < 3; axis++) {
    const [a, b] = [0, 1, 2].filter((d) => d !== axis) as [number, number];
    const lines = new Map<number, [number, number]>();
    points.forEach((p, i) => {
      const key = (p[a]! + 2) * 1e6 + (p[b]! + 2);
      const e = lines.get(key);
      if (!e) lines.set(key, [i, i]);
      else {
        if (p[axis]! < points[e[0]]![axis]!) e[0] = i;
        if (p[axis]! > points[e[1]]![axis]!) e[1] = i;
      }
    });
    const extreme = new Uint8Array(points.length);
    for (const [lo, hi] of lines.values()) extreme[lo] = extreme[hi] = 1;
    for (let i = 0; i < points.length; i++) keep[i]! &= extreme[i]!;
  }
  return points.filter((_, i) => keep[i]);
}

interface Face {
  v: [number, number, number];
  normal: Point;
  offset: number;
  alive: boolean;
}

const sub = (p: Point, q: Point): Point => [p[0] - q[0], p[1] - q[1], p[2] - q[2]];
const cross = (p: Point, q: Point): Point => [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];
const dot = (p: Point, q: Point): number => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];

/** Incremental convex hull: triangles (vertex indices, outward counter-clockwise) of the points. */
function hullFaces(pts: Point[]): [number, number, number][] {
  const n = pts.length;
  const scale = pts.reduce((m, p) => Math.max(m, Math.abs(p[0]), Math.abs(p[1]), Math.abs(p[2])), 1);
  const eps = 1e-9 * scale * scale;
  // initial tetrahedron: two far-apart points, the farthest from their line, the farthest from that plane
  let i0 = 0;
  let i1 = 0;
  for (let i = 1; i < n; i++) if (dot(sub(pts[i]!, pts[0]!), sub(pts[i]!, pts[0]!)) > dot(sub(pts[i1]!, pts[0]!), sub(pts[i1]!, pts[0]!))) i1 = i;
  for (let i = 0; i < n; i++) if (dot(sub(pts[i]!, pts[i1]!), sub(pts[i]!, pts[i1]!)) > dot(sub(pts[i0]!, pts[i1]!), sub(pts[i0]!, pts[i1]!))) i0 = i;
  const line = sub(pts[i1]!, pts[i0]!);
  let i2 = -1;
  let best = eps;
  for (let i = 0; i < n; i++) {
    const d = dot(cross(line, sub(pts[i]!, pts[i0]!)), cross(line, sub(pts[i]!, pts[i0]!)));
    if (d > best) [best, i2] = [d, i];
  }
  if (i2 < 0) return [];
  const planeNormal = cross(line, sub(pts[i2]!, pts[i0]!));
  let i3 = -1;
  best = eps;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(dot(planeNormal, sub(pts[i]!, pts[i0]!)));
    if (d > best) [best, i3] = [d, i];
  }
  if (i3 < 0) return [];
  const faces: Face[] = [];
  const edgeFace = new Map<string, number>();
  const addFace = (a: number, b: number, c: number): void => {
    const normal = cross(sub(pts[b]!, pts[a]!), sub(pts[c]!, pts[a]!));
    faces.push({ v: [a, b, c], normal, offset: dot(normal, pts[a]!), alive: true });
    const f = faces.length - 1;
    edgeFace.set(`${a},${b}`, f);
    edgeFace.set(`${b},${c}`, f);
    edgeFace.set(`${c},${a}`, f);
  };
  const orient = dot(planeNormal, sub(pts[i3]!, pts[i0]!)) > 0;
  const [a, b, c] = orient ? [i0, i2, i1] : [i0, i1, i2];
  addFace(a, b, c);
  addFace(a, i3, b);
  addFace(b, i3, c);
  addFace(c, i3, a);
  const used = new Set([i0, i1, i2, i3]);
  let alive = [0, 1, 2, 3];
  for (let p = 0; p < n; p++) {
    if (used.has(p)) continue;
    const point = pts[p]!;
    const visible = new Set<number>();
    for (const k of alive) {
      const f = faces[k]!;
      if (dot(f.normal, point) - f.offset > eps * Math.sqrt(dot(f.normal, f.normal))) visible.add(k);
    }
    if (visible.size === 0) continue;
    const horizon: [number, number][] = [];
    for (const k of visible) {
      const [x, y, z] = faces[k]!.v;
      for (const [u, w] of [[x, y], [y, z], [z, x]] as [number, number][]) {
        if (!visible.has(edgeFace.get(`${w},${u}`)!)) horizon.push([u, w]);
      }
    }
    for (const k of visible) faces[k]!.alive = false;
    const first = faces.length;
    for (const [u, w] of horizon) addFace(u, w, p);
    alive = alive.filter((k) => faces[k]!.alive);
    for (let k = first; k < faces.length; k++) alive.push(k);
  }
  return faces.filter((f) => f.alive).map((f) => f.v);
}

/**
 * Volume (mm³) and surface area (mm²) of the convex hull of the marching-cubes mesh of a 0/1 mask
 * (x fastest, `size` x y z, `spacing` mm). Zero for masks too flat to span a volume.
 */
export function convexHullMeasures(mask: ArrayLike<number>, size: Vec3, spacing: Vec3): { volume: number; area: number } {
  const half = spacing.map((s) => s / 2) as Point;
  const pts = lineExtremes(meshVertices(mask, size)).map((p) => [p[0] * half[0], p[1] * half[1], p[2] * half[2]] as Point);
  const faces = hullFaces(pts);
  let volume = 0;
  let area = 0;
  const o = pts[0] ?? [0, 0, 0];
  for (const [a, b, c] of faces) {
    const n = cross(sub(pts[b]!, pts[a]!), sub(pts[c]!, pts[a]!));
    area += Math.sqrt(dot(n, n)) / 2;
    volume += dot(sub(pts[a]!, o), n) / 6;
  }
  return { volume, area };
}
