/**
 * `dlrn self-test` on part of the IBSI data (the digital phantom in both modes, and the IBSI-2 maps;
 * the CT configurations are checked value by value in test/golden/radiomics/ibsiCt.golden.spec.ts):
 * the table a methods section can cite, the verdict and the exit status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { ORACLE_ROOT } from '../../support/oracle';
import { tempDir } from '../../support/tmp';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(args), stdout: out.join(''), stderr: err.join('\n') };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}

describe('dlrn self-test', () => {
  it('prints the family × data-set table per mode, the IBSI-2 maps and the default-mode deviations; exit 0', async () => {
    const file = join(tempDir(), 'report.txt');
    const r = await run(['self-test', '--data', join(ORACLE_ROOT, 'ibsi'), '--configs', 'phantom', '-o', file]);
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(r.stdout);
    const lines = r.stdout.split('\n');
    expect(r.stdout).toContain('Tolerance rule: IBSI-1: a value passes when |value − reference| ≤ the IBSI tolerance');
    // ibsi mode: every computed value passes; the cells count all reference values with a consensus value
    const ibsi = lines.slice(lines.findIndex((l) => l.startsWith('Mode: ibsi')));
    expect(ibsi[1]).toMatch(/^Family\s+Phantom\s*$/);
    expect(ibsi.find((l) => l.startsWith('Co-occurrence matrix'))).toMatch(/^Co-occurrence matrix\s+150\/150\s*$/);
    expect(ibsi.find((l) => l.startsWith('Intensity volume histogram'))).toMatch(/^Intensity volume histogram\s+6\/6\s*$/);
    expect(ibsi.find((l) => l.startsWith('Distance zone matrix'))).toMatch(/^Distance zone matrix\s+48\/48\s*$/);
    expect(ibsi.find((l) => l.startsWith('Computed values'))).toMatch(/^Computed values\s+482\/482\s+\(judged: Phantom\)$/);
    // pyradiomics mode: no per-slice aggregation, no IBSI-only features; A passes all it computes
    const pyradiomics = lines.slice(lines.findIndex((l) => l.startsWith('Mode: pyradiomics')));
    expect(pyradiomics.find((l) => l.startsWith('Computed values'))).toMatch(/^Computed values\s+265\/267\s/);
    expect(r.stdout).toContain('pyradiomics has no per-slice (IBSI 2D) aggregation; force2D is IBSI 2.5D');
    expect(lines.find((l) => l.startsWith('2_a '))).toMatch(/^2_a\s+FAIL 1\.4\s+pass /);
    expect(lines.find((l) => l.startsWith('7_a_2 '))).toMatch(/^7_a_2\s+n\/a\s+pass /);
    expect(r.stdout).toContain('Deviations of the default (pyradiomics-compatible) mode from IBSI, by cause:');
    expect(r.stdout).toMatch(/Verdict: PASS \(\d+\.\d s\)\n$/);
  });

  it('rejects unknown data sets and a folder without the IBSI layout (exit 2)', async () => {
    expect((await run(['self-test', '--configs', 'F'])).code).toBe(2);
    const r = await run(['self-test', '--data', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not an IBSI data folder');
  });
});
