export type AutosaveState = 'idle' | 'pending' | 'saving' | 'error';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Debounced saving: each edit (`touch`) restarts a quiet-period timer; when it fires, `save` runs.
 * Edits made while a save is in flight schedule another save after it. A failed save keeps the
 * edits marked unsaved, reports the error and retries after `retryMs`.
 */
export class Autosaver {
  state: AutosaveState = 'idle';
  lastError: string | null = null;
  private dirty = false;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly save: () => Promise<void>,
    readonly delayMs: number,
    private readonly onChange: (state: AutosaveState, error: string | null) => void = () => {},
    private readonly timers: Timers = browserTimers,
    readonly retryMs = delayMs * 5,
  ) {}

  touch(): void {
    this.dirty = true;
    if (this.inFlight) return;
    this.schedule(this.delayMs);
  }

  /** Save now if anything is unsaved (explicit save, leaving the viewer); resolves when done. */
  async flush(): Promise<void> {
    this.cancelTimer();
    if (this.inFlight) await this.inFlight;
    if (this.dirty) await this.run();
    if (this.state === 'error') throw new Error(this.lastError ?? 'save failed');
  }

  dispose(): void {
    this.cancelTimer();
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.setState('pending', this.lastError);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    this.dirty = false;
    this.setState('saving', null);
    this.inFlight = this.save().then(
      () => {
        this.inFlight = null;
        this.lastError = null;
        if (this.dirty) this.schedule(this.delayMs);
        else this.setState('idle', null);
      },
      (err: unknown) => {
        this.inFlight = null;
        this.dirty = true;
        this.lastError = err instanceof Error ? err.message : String(err);
        this.setState('error', this.lastError);
        this.cancelTimer();
        this.timer = this.timers.set(() => {
          this.timer = null;
          void this.run();
        }, this.retryMs);
      },
    );
    return this.inFlight;
  }

  private setState(state: AutosaveState, error: string | null): void {
    this.state = state;
    this.onChange(state, error);
  }
}
