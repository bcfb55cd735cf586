/**
 * Errors of the study pipeline. Each names what is wrong (a key path of the study definition, the
 * patients or features concerned) so the user can fix the input; none is thrown after work started
 * unless a statistical method itself fails.
 */

/** The study definition (YAML) is malformed: unknown keys, wrong types, inconsistent settings. */
export class StudyDefinitionError extends Error {
  override name = 'StudyDefinitionError';
  constructor(
    message: string,
    /** One line per problem, each starting with the key path. */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** The data cannot support the study (missing outcomes, single-class cohort, missing features, ...). */
export class StudyInputError extends Error {
  override name = 'StudyInputError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** The configuration would let validation data influence a fitted quantity (data leakage). */
export class StudyLeakageError extends Error {
  override name = 'StudyLeakageError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** Joins problems into one message: a headline and one indented line per problem. */
export function problemMessage(headline: string, problems: readonly string[]): string {
  return [headline, ...problems.map((p) => `  - ${p}`)].join('\n');
}
