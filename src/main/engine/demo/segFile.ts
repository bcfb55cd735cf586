/**
 * Reader-1 tumour outlines as DICOM SEG (via `io/dicom/segExport.ts`), made byte-reproducible:
 * all UIDs and the creation time come from the seed, and the Dimension Organization UID — which
 * `encodeDicomSeg` draws at random — is replaced by a seeded one: the encoded SEG is parsed and
 * re-encoded element by element (UIDs as text, other values as raw bytes, sequences recursively)
 * with that one UID changed, so every length field is recomputed by the writer.
 */
import type { Volume } from '../image/volume';
import { parseDicom, type DicomDataset } from '../io/dicom/parse';
import { DLRN_IMPLEMENTATION_CLASS_UID, encodeDicomSeg, type SegExportOptions, type SegReference } from '../io/dicom/segExport';
import { TAG } from '../io/dicom/tags';
import { encodeDicomFile, type WriteElement } from '../io/dicom/write';

/** SNOMED CT codes of the segment (as dcmqi's "Neoplasm" preset). */
const MORPHOLOGICALLY_ABNORMAL_STRUCTURE = { codeValue: '49755003', codingSchemeDesignator: 'SCT', codeMeaning: 'Morphologically Altered Structure' };
const NEOPLASM = { codeValue: '108369006', codingSchemeDesignator: 'SCT', codeMeaning: 'Neoplasm' };

/** The elements of a parsed dataset as writer input, with UI value `from` replaced by `to`. */
function rewrite(ds: DicomDataset, from: string, to: string): WriteElement[] {
  const out: WriteElement[] = [];
  for (const el of ds.elements.values()) {
    if (el.vr === 'SQ') out.push({ tag: el.tag, vr: 'SQ', value: ds.sequence(el.tag).map((item) => rewrite(item, from, to)) });
    else if (el.vr === 'UI') {
      const uid = ds.string(el.tag) ?? '';
      out.push({ tag: el.tag, vr: 'UI', value: uid === from ? to : uid });
    }
    else out.push({ tag: el.tag, vr: el.vr, value: ds.bytesOf(el.tag)!.slice() });
  }
  return out;
}

/**
 * A BINARY SEG with one segment "Tumour" (label value 1 of `labels`) referencing the image series
 * `reference`, with Dimension Organization UID `dimensionOrganizationUid`.
 */
export function encodeTumourSeg(
  labels: Volume<Uint8Array>,
  reference: SegReference,
  options: SegExportOptions & Required<Pick<SegExportOptions, 'seriesInstanceUid' | 'sopInstanceUid' | 'now'>>,
  dimensionOrganizationUid: string,
): Uint8Array {
  const bytes = encodeDicomSeg(
    labels,
    reference,
    [{ labelValue: 1, label: 'Tumour', description: 'retroperitoneal tumour', color: [230, 80, 60], category: MORPHOLOGICALLY_ABNORMAL_STRUCTURE, type: NEOPLASM }],
    options,
  );
  const parsed = parseDicom(bytes).dataset;
  const random = parsed.sequence(TAG.DimensionOrganizationSequence)[0]?.string(TAG.DimensionOrganizationUID);
  if (!random) throw new Error('SEG export wrote no Dimension Organization UID');
  return encodeDicomFile(rewrite(parsed, random, dimensionOrganizationUid), DLRN_IMPLEMENTATION_CLASS_UID);
}
