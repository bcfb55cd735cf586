/**
 * Statistics shared by the single-matrix "size" classes GLSZM (zone sizes) and GLDM (dependence
 * sizes): P(i, j) with i the ORIGINAL bin number of row i and j the true size of column j,
 * normalised by N = Σ P. Reductions follow numpy's order (pairwise along the contiguous axis,
 * pyradiomics `glszm.py` / `gldm.py`); ε = 2.220446049250313e-16.
 */
import { pairwiseSum } from '../matrices/npSum';

const EPS = 2.220446049250313e-16;

/** A matrix with its row (gray level) and column (size) values. */
export interface SizeMatrix {
  /** `p[i·J + j]` */
  p: Float64Array;
  levels: Float64Array;
  sizes: Float64Array;
}

/** The sums every size-matrix feature uses. */
export class SizeMatrixStatistics {
  /** p_g(i) = Σ_j P(i, j) */
  readonly pg: Float64Array;
  /** p_s(j) = Σ_i P(i, j) */
  readonly ps: Float64Array;
  /** N = Σ P (1 if the matrix is empty, as pyradiomics guards it). */
  readonly total: number;

  constructor(private readonly m: SizeMatrix) {
    const L = m.levels.length;
    const J = m.sizes.length;
    this.pg = new Float64Array(L);
    this.ps = new Float64Array(J);
    for (let i = 0; i < L; i++) {
      this.pg[i] = pairwiseSum(m.p, i * J, J);
      for (let j = 0; j < J; j++) this.ps[j]! += m.p[i * J + j]!;
    }
    const total = pairwiseSum(this.ps);
    this.total = total === 0 ? 1 : total;
  }

  private vector(values: Float64Array, coords: Float64Array, term: (v: number, c: number) => number): number {
    return pairwiseSum(Float64Array.from(values, (v, k) => term(v, coords[k]!)));
  }

  private matrix(term: (p: number, i: number, j: number) => number): number {
    const { p, levels, sizes } = this.m;
    const J = sizes.length;
    return pairwiseSum(Float64Array.from(p, (v, k) => term(v, levels[Math.floor(k / J)]!, sizes[k % J]!)));
  }

  /** Σ_j p_s(j)/j² / N (IBSI small zone / low dependence emphasis) */
  smallEmphasis(): number {
    return this.vector(this.ps, this.m.sizes, (v, j) => v / j ** 2) / this.total;
  }

  /** Σ_j p_s(j)·j² / N */
  largeEmphasis(): number {
    return this.vector(this.ps, this.m.sizes, (v, j) => v * j ** 2) / this.total;
  }

  /** Σ_i p_g(i)² / N, or / N² when normalised */
  grayLevelNonUniformity(normalised: boolean): number {
    const s = this.vector(this.pg, this.m.levels, (v) => v ** 2);
    return normalised ? s / this.total ** 2 : s / this.total;
  }

  /** Σ_j p_s(j)² / N, or / N² when normalised */
  sizeNonUniformity(normalised: boolean): number {
    const s = this.vector(this.ps, this.m.sizes, (v) => v ** 2);
    return normalised ? s / this.total ** 2 : s / this.total;
  }

  /** Σ_i q(i)(i − μ)², q = p_g/N, μ = Σ i·q(i) (population variance) */
  grayLevelVariance(): number {
    return this.variance(this.pg, this.m.levels);
  }

  /** Σ_j q(j)(j − μ)², q = p_s/N, μ = Σ j·q(j) */
  sizeVariance(): number {
    return this.variance(this.ps, this.m.sizes);
  }

  private variance(values: Float64Array, coords: Float64Array): number {
    const q = Float64Array.from(values, (v) => v / this.total);
    const mu = this.vector(q, coords, (v, c) => v * c);
    return this.vector(q, coords, (v, c) => v * (c - mu) ** 2);
  }

  /** −Σ q log₂(q + ε), q = P/N */
  entropy(): number {
    return -this.matrix((p) => {
      const q = p / this.total;
      return q * Math.log2(q + EPS);
    });
  }

  /** Σ_i p_g(i)/i² / N */
  lowGrayLevelEmphasis(): number {
    return this.vector(this.pg, this.m.levels, (v, i) => v / i ** 2) / this.total;
  }

  /** Σ_i p_g(i)·i² / N */
  highGrayLevelEmphasis(): number {
    return this.vector(this.pg, this.m.levels, (v, i) => v * i ** 2) / this.total;
  }

  /** Σ P/(i²j²) / N */
  smallLowGrayLevelEmphasis(): number {
    return this.matrix((p, i, j) => p / (i ** 2 * j ** 2)) / this.total;
  }

  /** Σ P·i²/j² / N */
  smallHighGrayLevelEmphasis(): number {
    return this.matrix((p, i, j) => (p * i ** 2) / j ** 2) / this.total;
  }

  /** Σ P·j²/i² / N */
  largeLowGrayLevelEmphasis(): number {
    return this.matrix((p, i, j) => (p * j ** 2) / i ** 2) / this.total;
  }

  /** Σ P·i²·j² / N */
  largeHighGrayLevelEmphasis(): number {
    return this.matrix((p, i, j) => p * i ** 2 * j ** 2) / this.total;
  }
}
