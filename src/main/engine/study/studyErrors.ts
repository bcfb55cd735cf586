/**
 * Errors of the study pipeline. Each names what is wrong (a key path of the study definition, the
 * patients or features concerned) so the user can fix the input; none is thrown after work started
 * unless a statistical method itself fails.
 */

/** A study error with its problems, one line each, each starting with what it concerns (key path, patient, feature). */
abstract class StudyProblemError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** The study definition (YAML) is malformed: unknown keys, wrong types, inconsistent settings. */
export class StudyDefinitionError extends StudyProblemError {
  override name = 'StudyDefinitionError';
}

/** The data cannot support the study (missing outcomes, single-class cohort, missing features, ...). */
export class StudyInputError extends StudyProblemError {
  override name = 'StudyInputError';
}

/** The configuration would let validation data influence a fitted quantity (data leakage). */
export class StudyLeakageError extends StudyProblemError {
  override name = 'StudyLeakageError';
}

/** Joins problems into one message: a headline and one indented line per problem. */
export function problemMessage(headline: string, problems: readonly string[]): string {
  return [headline, ...problems.map((p) => `  - ${p}`)].join('\n');
}
