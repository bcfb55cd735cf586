/**
 * New DICOM UIDs under the "2.25" root (PS3.5 §B.2 and ISO/IEC 9834-8): "2.25." followed by the
 * decimal value of a random (version 4) UUID, at most 44 characters, no registration needed.
 */
import { randomUUID } from 'node:crypto';

/** A new globally unique DICOM UID. */
export function newDicomUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
}
