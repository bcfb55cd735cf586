/** Run the `dlrn` CLI in-process, collecting what it reports on console.error. */
import { vi } from 'vitest';
import { main } from '../../src/cli/main';

export async function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  try {
    return { code: await main(args), stderr: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}
