import { afterAll, expect } from 'vitest';

/**
 * Comparison against R oracle numbers with the tolerances of oracle/stats/README §7:
 * |a − b| ≤ rel·|b|, or |a − b| ≤ abs for expected values at or near zero. JSON `null` (R's
 * NA/NaN/±Inf) must be matched by a non-finite value or null. Records the worst relative
 * deviation per group and prints it after the file, for docs/stats/part-s1.md.
 */
export class OracleComparer {
  private readonly worst = new Map<string, { dev: number; where: string }>();

  constructor(private readonly title: string) {
    afterAll(() => {
      const lines = [...this.worst.entries()].map(([g, w]) => `  ${g}: worst rel dev ${w.dev.toExponential(2)} (${w.where})`);
      console.log(`[${this.title}] measured agreement with R\n${lines.join('\n')}`);
    });
  }

  /** Asserts `actual` ≈ `expected` (relative `rel`, absolute floor `abs`) and records the deviation under `group`. */
  close(group: string, where: string, actual: number | null | undefined, expected: number | null, rel: number, abs = 1e-12): void {
    if (expected === null) {
      const ok = actual === null || actual === undefined || !Number.isFinite(actual);
      expect(ok, `${where}: expected NA/Inf (null), got ${actual}`).toBe(true);
      return;
    }
    expect(typeof actual === 'number' && !Number.isNaN(actual), `${where}: got ${actual}, expected ${expected}`).toBe(true);
    const a = actual as number;
    const diff = Math.abs(a - expected);
    const dev = expected === 0 ? diff : diff / Math.abs(expected);
    const prev = this.worst.get(group);
    if (!prev || dev > prev.dev) this.worst.set(group, { dev, where });
    expect(diff <= rel * Math.abs(expected) || diff <= abs, `${where}: got ${a}, expected ${expected} (rel dev ${dev.toExponential(3)})`).toBe(
      true,
    );
  }

  /** Element-wise {@link close} over two arrays of equal length. */
  closeAll(
    group: string,
    where: string,
    actual: ArrayLike<number | null>,
    expected: readonly (number | null)[],
    rel: number,
    abs = 1e-12,
  ): void {
    expect(actual.length, `${where}: length`).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) this.close(group, `${where}[${i}]`, actual[i], expected[i], rel, abs);
  }
}
