/**
 * Wash-out before a repeat (intra-observer) reading: the paper's readers re-delineated three weeks after
 * the first reading, so that they did not remember their earlier outlines.
 */

/** The paper's interval: three weeks. */
export const DEFAULT_WASHOUT_DAYS = 21;

const DAY_MS = 86_400_000;

export interface WashoutStatus {
  /** True when the repeat session may be opened now. */
  open: boolean;
  /** Earliest opening time (ISO 8601): last earlier read + interval; null without earlier reads. */
  availableAt: string | null;
  /** Whole days still to wait (rounded up); 0 when open. */
  daysLeft: number;
  /** Why it is open or closed, for the user. */
  reason: string;
}

/**
 * Whether a repeat session may open at `now`: open when now ≥ lastRead + intervalDays (days of 24 h),
 * or when a coordinator recorded an override reason. Without any earlier read of its patients the
 * session is not a repeat and stays closed.
 */
export function washoutStatus(opts: { lastReadAt: string | null; intervalDays: number; now: Date; override?: string | null }): WashoutStatus {
  if (!(opts.intervalDays >= 0)) throw new Error(`wash-out interval must be ≥ 0 days, got ${opts.intervalDays}`);
  if (opts.lastReadAt === null) {
    return { open: false, availableAt: null, daysLeft: 0, reason: 'the reader has no earlier reads of these patients to repeat' };
  }
  const last = Date.parse(opts.lastReadAt);
  if (Number.isNaN(last)) throw new Error(`unreadable time of the last read: '${opts.lastReadAt}'`);
  const available = last + opts.intervalDays * DAY_MS;
  const availableAt = new Date(available).toISOString();
  const now = opts.now.getTime();
  if (now >= available) return { open: true, availableAt, daysLeft: 0, reason: `wash-out of ${opts.intervalDays} days ended ${availableAt}` };
  if (opts.override) return { open: true, availableAt, daysLeft: 0, reason: `wash-out overridden by the coordinator: ${opts.override}` };
  const daysLeft = Math.ceil((available - now) / DAY_MS);
  return { open: false, availableAt, daysLeft, reason: `wash-out of ${opts.intervalDays} days: opens ${availableAt} (${daysLeft} day${daysLeft === 1 ? '' : 's'} left)` };
}
