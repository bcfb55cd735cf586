/**
 * Vertices of `trimesh.creation.icosphere(subdivisions, radius)`, the sampling directions of
 * pyradiomics' LBP3D (algorithms.md §7.4): the golden-ratio icosahedron (vertices the cyclic
 * permutations of (±1, ±φ, 0) scaled to unit length, trimesh's vertex and face order), then per
 * subdivision every face split into 4 at its edge midpoints and all vertices pushed radially onto the
 * sphere of the given radius (v ← v + v̂·(r − |v|)). Subdivision 1 gives 42 vertices.
 *
 * Vertex order only changes floating-point summation order downstream. Midpoints are appended in the
 * order of trimesh's unique-edge hashing (sorted by larger then smaller vertex index); for
 * subdivision ≥ 2 the projection after every step follows current trimesh (algorithms.md §11 q. 5).
 */
import type { Vec3 } from '../volume';

const PHI = (1 + Math.sqrt(5)) / 2;
const ICOSAHEDRON_VERTICES: number[] = [
  -1, PHI, 0, 1, PHI, 0, -1, -PHI, 0, 1, -PHI, 0, 0, -1, PHI, 0, 1, PHI, 0, -1, -PHI, 0, 1, -PHI, PHI, 0, -1, PHI, 0, 1,
  -PHI, 0, -1, -PHI, 0, 1,
];
const ICOSAHEDRON_FACES: number[] = [
  0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3, 9, 4, 3, 4, 2, 3, 2,
  6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
];

/** Split every triangle into 4 (trimesh `remesh.subdivide`): returns the new vertices and faces. */
function subdivide(vertices: Vec3[], faces: number[]): { vertices: Vec3[]; faces: number[] } {
  const edgeKey = (a: number, b: number) => (a < b ? [a, b] : [b, a]) as [number, number];
  const unique = new Map<string, [number, number]>();
  for (let f = 0; f < faces.length; f += 3) {
    for (const [a, b] of [
      [faces[f]!, faces[f + 1]!],
      [faces[f + 1]!, faces[f + 2]!],
      [faces[f + 2]!, faces[f]!],
    ] as const) {
      const e = edgeKey(a, b);
      unique.set(`${e[0]},${e[1]}`, e);
    }
  }
  const edges = [...unique.values()].sort((p, q) => p[1] - q[1] || p[0] - q[0]);
  const midpointIndex = new Map<string, number>();
  const out = vertices.slice();
  for (const [a, b] of edges) {
    midpointIndex.set(`${a},${b}`, out.length);
    const va = vertices[a]!;
    const vb = vertices[b]!;
    out.push([(va[0] + vb[0]) / 2, (va[1] + vb[1]) / 2, (va[2] + vb[2]) / 2]);
  }
  const mid = (a: number, b: number) => {
    const e = edgeKey(a, b);
    return midpointIndex.get(`${e[0]},${e[1]}`)!;
  };
  const newFaces: number[] = [];
  for (let f = 0; f < faces.length; f += 3) {
    const [a, b, c] = [faces[f]!, faces[f + 1]!, faces[f + 2]!];
    const [ab, bc, ca] = [mid(a, b), mid(b, c), mid(c, a)];
    newFaces.push(a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca);
  }
  return { vertices: out, faces: newFaces };
}

/** Move every vertex radially onto the sphere of `radius` (trimesh: v + v̂·(r − |v|)). */
function projectOntoSphere(vertices: Vec3[], radius: number): Vec3[] {
  return vertices.map((v) => {
    const norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    const offset = radius - norm;
    return [v[0] + (v[0] / norm) * offset, v[1] + (v[1] / norm) * offset, v[2] + (v[2] / norm) * offset];
  });
}

/** The vertices of trimesh's icosphere with `subdivisions` (≥ 0) refinements and the given radius. */
export function icosphereVertices(subdivisions: number, radius: number): Vec3[] {
  const scale = Math.sqrt(2 + PHI);
  let vertices: Vec3[] = [];
  for (let i = 0; i < ICOSAHEDRON_VERTICES.length; i += 3) {
    vertices.push([ICOSAHEDRON_VERTICES[i]! / scale, ICOSAHEDRON_VERTICES[i + 1]! / scale, ICOSAHEDRON_VERTICES[i + 2]! / scale]);
  }
  let faces = ICOSAHEDRON_FACES;
  for (let s = 0; s < subdivisions; s++) {
    ({ vertices, faces } = subdivide(vertices, faces));
    vertices = projectOntoSphere(vertices, radius);
  }
  return subdivisions > 0 ? vertices : projectOntoSphere(vertices, radius);
}
