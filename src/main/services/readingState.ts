import type { ReadingContext } from './readingSessions';

/**
 * The reading session currently active in this app instance (at most one). Held by AppServices, set by
 * `readingSessions.enter`, cleared by `readingSessions.leave`, by submitting the session and when the
 * project closes; every patient-level IPC handler consults it through src/main/services/blinding.ts.
 */
export class ReadingState {
  private active: ReadingContext | undefined;

  current(): ReadingContext | undefined {
    return this.active;
  }

  set(ctx: ReadingContext): void {
    this.active = ctx;
  }

  clear(): void {
    this.active = undefined;
  }
}
