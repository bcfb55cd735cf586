/**
 * Feature-name patterns of a study definition. A pattern is either a glob (`*` = any run of
 * characters, `?` = one character, everything else literal; case-sensitive; matches the whole name),
 * e.g. `A_original_*`, or a regular expression written between slashes, e.g. `/^X\d+$/`.
 */

/** Compiles a pattern to an anchored RegExp. @throws SyntaxError for an invalid `/regex/`. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/')) return new RegExp(pattern.slice(1, -1));
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Names matching at least one pattern, in the order of `names`. */
export function matchNames(names: readonly string[], patterns: readonly string[]): string[] {
  const res = patterns.map(compilePattern);
  return names.filter((n) => res.some((r) => r.test(n)));
}

/** Whether `pattern` is syntactically valid (a glob always is). */
export function patternError(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
