/**
 * Reader-1 tumour outlines as DICOM SEG (via `io/dicom/segExport.ts`), made byte-reproducible:
 * all UIDs and the creation time come from the seed, and the Dimension Organization UID — which
 * `encodeDicomSeg` draws at random — is replaced in the encoded bytes by a seeded UID of the same
 * length (so no length field changes).
 */
import type { Volume } from '../image/volume';
import { parseDicom } from '../io/dicom/parse';
import { encodeDicomSeg, type SegExportOptions, type SegReference } from '../io/dicom/segExport';
import { TAG } from '../io/dicom/tags';
import { demoUidOfLength } from './uids';

/** SNOMED CT codes of the segment (as dcmqi's "Neoplasm" preset). */
const MORPHOLOGICALLY_ABNORMAL_STRUCTURE = { codeValue: '49755003', codingSchemeDesignator: 'SCT', codeMeaning: 'Morphologically Altered Structure' };
const NEOPLASM = { codeValue: '108369006', codingSchemeDesignator: 'SCT', codeMeaning: 'Neoplasm' };

/** Every occurrence of `from` in `bytes` replaced by `to` (same length), in place. */
function replaceAll(bytes: Uint8Array, from: Uint8Array, to: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buf.indexOf(from); at >= 0; at = buf.indexOf(from, at + from.length)) {
    buf.set(to, at);
    count++;
  }
  return count;
}

/**
 * A BINARY SEG with one segment "Tumour" (label value 1 of `labels`) referencing the image series
 * `reference`. `uidSeed`/`uidLabels` name the seeded Dimension Organization UID.
 */
export function encodeTumourSeg(
  labels: Volume<Uint8Array>,
  reference: SegReference,
  options: SegExportOptions & Required<Pick<SegExportOptions, 'seriesInstanceUid' | 'sopInstanceUid' | 'now'>>,
  uidSeed: number,
  uidLabels: (string | number)[],
): Uint8Array {
  const bytes = encodeDicomSeg(
    labels,
    reference,
    [{ labelValue: 1, label: 'Tumour', description: 'retroperitoneal tumour', color: [230, 80, 60], category: MORPHOLOGICALLY_ABNORMAL_STRUCTURE, type: NEOPLASM }],
    options,
  );
  const random = parseDicom(bytes).dataset.sequence(TAG.DimensionOrganizationSequence)[0]?.string(TAG.DimensionOrganizationUID);
  if (!random) throw new Error('SEG export wrote no Dimension Organization UID');
  const seeded = demoUidOfLength(random.length, uidSeed, ...uidLabels);
  const n = replaceAll(bytes, Buffer.from(random, 'ascii'), Buffer.from(seeded, 'ascii'));
  if (n < 2) throw new Error(`SEG export: expected the Dimension Organization UID at least twice, found ${n}`);
  return bytes;
}
