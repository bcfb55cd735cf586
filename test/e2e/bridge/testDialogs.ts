import type { HostDialogs } from '../../../src/main/ipc/context';

/** Dialog answers set by the spec (through the bridge's test endpoint) instead of a native dialog; one queue for every kind. */
export class TestDialogs implements HostDialogs {
  private readonly answers: (string | null)[] = [];

  queue(answer: string | null): void {
    this.answers.push(answer);
  }

  private next(kind: string): string | null {
    if (this.answers.length === 0) throw new Error(`test bridge: no dialog answer queued for ${kind}`);
    return this.answers.shift() ?? null;
  }

  async chooseFolder(): Promise<string | null> {
    return this.next('chooseFolder');
  }

  async openFile(): Promise<string | null> {
    return this.next('openFile');
  }

  async saveFile(): Promise<string | null> {
    return this.next('saveFile');
  }
}
