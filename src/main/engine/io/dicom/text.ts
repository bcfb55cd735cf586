/**
 * Text decoding of DICOM string values (PS3.5 §6.1 character repertoires, §6.2 VR padding rules).
 */
import { TextDecoder } from 'node:util';

/**
 * VRs whose values use the dataset's Specific Character Set (0008,0005); all other string VRs
 * are restricted to the default repertoire (ASCII).
 */
const CHARSET_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'PN', 'UC', 'UT', 'UN']);

/** VRs holding one free-text value: never split at backslashes, leading spaces kept. */
const SINGLE_TEXT_VRS = new Set(['ST', 'LT', 'UT', 'UR']);

/** Specific Character Set defined terms (PS3.3 C.12.1.1.2) → WHATWG encoding labels. */
const CHARSET_TO_ENCODING: Record<string, string> = {
  '': 'windows-1252',
  ISO_IR_6: 'windows-1252',
  ISO_IR_100: 'windows-1252',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'windows-1254',
  ISO_IR_13: 'shift_jis',
  ISO_IR_166: 'windows-874',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  'ISO_2022_IR_6': 'windows-1252',
  'ISO_2022_IR_100': 'windows-1252',
  'ISO_2022_IR_149': 'euc-kr',
  'ISO_2022_IR_58': 'gb18030',
};

const decoders = new Map<string, TextDecoder>();

function decoderFor(encoding: string): TextDecoder {
  let d = decoders.get(encoding);
  if (!d) {
    d = new TextDecoder(encoding);
    decoders.set(encoding, d);
  }
  return d;
}

/**
 * WHATWG encoding for a Specific Character Set value (its first non-empty term is used; code
 * extension escapes of ISO 2022 are not interpreted). Unknown terms fall back to Latin-1 so a
 * value never fails to decode.
 */
export function encodingForCharset(specificCharacterSet: string | undefined): string {
  const terms = (specificCharacterSet ?? '').split('\\').map((s) => s.trim().replace(/ /g, '_'));
  const term = terms.find((s) => s.length > 0) ?? '';
  return CHARSET_TO_ENCODING[term] ?? 'windows-1252';
}

/**
 * Decodes a string value: the dataset encoding for character-set VRs, ASCII/Latin-1 otherwise;
 * trailing NUL/space padding is removed and, except for free-text VRs, leading spaces too.
 */
export function decodeText(bytes: Uint8Array, vr: string, encoding: string): string {
  const text = decoderFor(CHARSET_VRS.has(vr) ? encoding : 'windows-1252').decode(bytes);
  const trimmedEnd = text.replace(/[\0 ]+$/, '');
  return SINGLE_TEXT_VRS.has(vr) ? trimmedEnd : trimmedEnd.replace(/^ +/, '');
}

/** Splits a multi-valued string at backslashes (PS3.5 §6.4), trimming each value. */
export function splitValues(text: string, vr: string): string[] {
  if (SINGLE_TEXT_VRS.has(vr)) return [text];
  if (text === '') return [];
  return text.split('\\').map((s) => s.trim());
}
