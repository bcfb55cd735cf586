import type { HostDialogs } from '../../../src/main/ipc/context';

/** Dialog answers set by the spec (through the bridge's test endpoint) instead of a native dialog. */
export class TestDialogs implements HostDialogs {
  private readonly answers: (string | null)[] = [];

  queue(answer: string | null): void {
    this.answers.push(answer);
  }

  async chooseFolder(): Promise<string | null> {
    if (this.answers.length === 0) throw new Error('test bridge: no dialog answer queued for chooseFolder');
    return this.answers.shift() ?? null;
  }
}
