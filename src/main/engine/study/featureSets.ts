/**
 * Feature groups and signature candidate sets: which columns of the feature table a study uses, resolved
 * from the definition's name patterns.
 */
import { matchNames } from './patterns';
import type { SignatureDefinition, StudyDefinition } from './definition';

/** Columns matched by each feature group, in feature-table order. */
export function groupMembers(definition: StudyDefinition, names: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(Object.entries(definition.featureGroups).map(([g, patterns]) => [g, matchNames(names, patterns)]));
}

/** Candidates of a signature: its groups' columns plus its own pattern matches, in feature-table order. */
export function signatureCandidates(signature: SignatureDefinition, members: Record<string, string[]>, names: readonly string[]): string[] {
  const set = new Set<string>(signature.groups.flatMap((g) => members[g] ?? []));
  for (const n of matchNames(names, signature.patterns)) set.add(n);
  return names.filter((n) => set.has(n));
}

/** Every column some signature uses, in feature-table order. */
export function usedFeatures(definition: StudyDefinition, names: readonly string[]): string[] {
  const members = groupMembers(definition, names);
  const set = new Set<string>(definition.signatures.flatMap((s) => signatureCandidates(s, members, names)));
  return names.filter((n) => set.has(n));
}

/**
 * Names selected by a list of group names or patterns (`icc.appliesTo`, `harmonisation.appliesTo`): an entry
 * that is a feature group stands for its members, anything else is a pattern.
 */
export function namesFor(entries: readonly string[], members: Record<string, string[]>, names: readonly string[]): string[] {
  const set = new Set<string>();
  for (const e of entries) {
    if (e in members) for (const n of members[e]) set.add(n);
    else for (const n of matchNames(names, [e])) set.add(n);
  }
  return names.filter((n) => set.has(n));
}
