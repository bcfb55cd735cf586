/** One `dlrn` sub-command. `name` may have several words (`project init`). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Error whose message is shown to the user as is, with exit code 2 (usage) or 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  positional: string[];
  /** Repeated options collect every value in order. */
  options: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Minimal GNU-style parser: `--key value`, `--key=value`, `-k value`, boolean `--flag`.
 * `valueOptions` lists the options that take a value; anything else starting with '-' is a flag,
 * and a flag not in `knownFlags` is an error naming it.
 */
export function parseArgs(
  args: string[],
  valueOptions: readonly string[],
  knownFlags: readonly string[] = [],
): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    if (valueOptions.includes(key)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new CliError(`option ${key} needs a value`, 2);
      const list = options.get(key) ?? [];
      list.push(value);
      options.set(key, list);
    } else if (knownFlags.includes(key)) {
      flags.add(key);
    } else {
      throw new CliError(`unknown option ${key}`, 2);
    }
  }
  return { positional, options, flags };
}

/** Last value of an option, or undefined. */
export function opt(p: ParsedArgs, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = p.options.get(k);
    if (v && v.length) return v[v.length - 1];
  }
  return undefined;
}
