/**
 * Reproducible DICOM UIDs for the demo cohort: "2.25." followed by the decimal value of a
 * name-based (version 5, SHA-1) UUID (RFC 4122 §4.3; DICOM PS3.5 §B.2 allows any UUID under the
 * 2.25 root). The name is the cohort seed and a label path, so the same seed gives the same UIDs and
 * different seeds or objects give different ones.
 */
import { createHash } from 'node:crypto';

/** Namespace UUID of DLRN Studio demo objects (a fixed random v4 UUID). */
const DEMO_NAMESPACE = Buffer.from('6f1c2a4e8b3d4f7a9c0e5d2b7a1f3e8c', 'hex');

/**
 * UID "2.25.<uuid as decimal>" of the UUIDv5 of name "seed|label1|label2|…" in the demo namespace:
 * bytes 0–15 of SHA-1(namespace ‖ name), version nibble set to 5, variant bits to 10.
 */
export function demoUid(seed: number, ...labels: (string | number)[]): string {
  const h = createHash('sha1').update(DEMO_NAMESPACE).update([seed, ...labels].join('|')).digest();
  const b = Buffer.from(h.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${b.toString('hex')}`).toString(10)}`;
}
