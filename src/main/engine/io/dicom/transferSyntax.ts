/**
 * Transfer syntaxes (DICOM PS3.5 §10 and Annex A): how a dataset after the file meta group is
 * encoded, and whether its pixel data is native or encapsulated (compressed fragments).
 */

export const TS = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  RLELossless: '1.2.840.10008.1.2.5',
} as const;

export interface TransferSyntax {
  uid: string;
  littleEndian: boolean;
  explicitVr: boolean;
  /** The dataset after the file meta group is a raw deflate stream (PS3.5 §A.5). */
  deflated: boolean;
  /** Pixel data is a sequence of compressed fragments (PS3.5 §A.4). */
  encapsulated: boolean;
  /** Human-readable codec name, for messages. */
  name: string;
}

const KNOWN_ENCAPSULATED: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  [TS.RLELossless]: 'RLE Lossless',
};

/**
 * Properties of a transfer syntax UID. Unknown UIDs are treated as an encapsulated Explicit VR
 * Little Endian syntax, which is what every compressed syntax of PS3.5 uses, so the header still
 * parses and only pixel decoding fails (naming the UID).
 */
export function transferSyntax(uid: string): TransferSyntax {
  switch (uid) {
    case TS.ImplicitVRLittleEndian:
      return { uid, littleEndian: true, explicitVr: false, deflated: false, encapsulated: false, name: 'Implicit VR Little Endian' };
    case TS.ExplicitVRLittleEndian:
      return { uid, littleEndian: true, explicitVr: true, deflated: false, encapsulated: false, name: 'Explicit VR Little Endian' };
    case TS.DeflatedExplicitVRLittleEndian:
      return { uid, littleEndian: true, explicitVr: true, deflated: true, encapsulated: false, name: 'Deflated Explicit VR Little Endian' };
    case TS.ExplicitVRBigEndian:
      return { uid, littleEndian: false, explicitVr: true, deflated: false, encapsulated: false, name: 'Explicit VR Big Endian' };
    default:
      return {
        uid,
        littleEndian: true,
        explicitVr: true,
        deflated: false,
        encapsulated: true,
        name: KNOWN_ENCAPSULATED[uid] ?? `unknown transfer syntax ${uid}`,
      };
  }
}
