/**
 * DICOM Part-10 file parser (PS3.10 §7, PS3.5 §7): file meta group, then the dataset in its
 * transfer syntax (Implicit/Explicit VR Little Endian, Explicit VR Big Endian, Deflated, and the
 * encapsulated compressed syntaxes). Sequences of defined and undefined length, items, and
 * encapsulated pixel data fragments are supported.
 *
 * The scan only records where each value lies (offset/length in the byte buffer); values are
 * decoded on request by {@link DicomDataset}. Sequences of defined length are parsed only when
 * read. This keeps a header scan of a 512×512 CT slice to a few microseconds.
 */
import { inflateRawSync } from 'node:zlib';
import { formatTag, IMPLICIT_VR, TAG } from './tags';
import { decodeText, encodingForCharset, splitValues } from './text';
import { TS, transferSyntax, type TransferSyntax } from './transferSyntax';

/** A byte range in a dataset's buffer. */
export interface ByteRange {
  offset: number;
  length: number;
}

export interface DicomElement {
  tag: number;
  /** Explicit VR, or for Implicit VR the dictionary VR of binary tags ('UN' for the others, 'SQ' for undefined-length ones). */
  vr: string;
  /** Offset of the value in the buffer. */
  offset: number;
  /** Value length; for undefined-length elements, the bytes up to (not including) the delimiter. */
  length: number;
  undefinedLength: boolean;
  /** Sequence items, once parsed. */
  items?: DicomDataset[];
  /** Encapsulated pixel data: the basic offset table and the fragments (item values), in order. */
  encapsulated?: { offsetTable: ByteRange; fragments: ByteRange[] };
}

/** How the values of a dataset are encoded. */
export interface Encoding {
  littleEndian: boolean;
  explicitVr: boolean;
  /** WHATWG text encoding from Specific Character Set (inherited by sequence items). */
  text: string;
}

/** A parse failure; `truncated` distinguishes "more bytes needed" from malformed content. */
export class DicomParseError extends Error {
  constructor(
    message: string,
    readonly path: string | undefined,
    readonly truncated: boolean,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'DicomParseError';
  }
}

const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;

interface ParseContext {
  bytes: Uint8Array;
  view: DataView;
  path: string | undefined;
}

/** One dataset (the top-level one or a sequence item) over a shared byte buffer. */
export class DicomDataset {
  constructor(
    readonly bytes: Uint8Array,
    readonly encoding: Encoding,
    readonly elements: Map<number, DicomElement>,
    private readonly path: string | undefined,
  ) {}

  has(t: number): boolean {
    return this.elements.has(t);
  }

  element(t: number): DicomElement | undefined {
    return this.elements.get(t);
  }

  /** Raw value bytes (a view, not a copy). */
  bytesOf(t: number): Uint8Array | undefined {
    const el = this.elements.get(t);
    return el ? this.bytes.subarray(el.offset, el.offset + el.length) : undefined;
  }

  /** The whole value as text, padding removed; undefined when the attribute is absent. */
  string(t: number): string | undefined {
    const el = this.elements.get(t);
    if (!el) return undefined;
    return decodeText(this.bytes.subarray(el.offset, el.offset + el.length), el.vr, this.encoding.text);
  }

  /** The values of a multi-valued string attribute; [] when absent or empty. */
  strings(t: number): string[] {
    const el = this.elements.get(t);
    const s = this.string(t);
    return s === undefined || !el ? [] : splitValues(s, el.vr);
  }

  /**
   * Numeric values, from binary VRs (US, SS, UL, SL, FL, FD, OF, OD, AT, ...) or text VRs (DS, IS);
   * [] when absent or empty. Empty text values become NaN.
   */
  numbers(t: number): number[] {
    const el = this.elements.get(t);
    if (!el) return [];
    // Some writers label binary attributes 'UN'; decode known ones by their dictionary VR.
    const reader = BINARY_READERS[el.vr === 'UN' ? (IMPLICIT_VR.get(t) ?? 'UN') : el.vr];
    if (!reader) return this.strings(t).map((s) => (s === '' ? Number.NaN : Number(s)));
    const out: number[] = [];
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + el.offset, el.length);
    for (let p = 0; p + reader.size <= el.length; p += reader.size) out.push(reader.read(view, p, this.encoding.littleEndian));
    return out;
  }

  /** First numeric value, or undefined when absent, empty or not a number. */
  number(t: number): number | undefined {
    const v = this.numbers(t)[0];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  /** Items of a sequence attribute ([] when absent). Defined-length sequences are parsed here, on first use. */
  sequence(t: number): DicomDataset[] {
    const el = this.elements.get(t);
    if (!el) return [];
    if (!el.items) {
      const ctx: ParseContext = {
        bytes: this.bytes,
        view: new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength),
        path: this.path,
      };
      el.items = parseItems(ctx, el.offset, el.offset + el.length, false, itemEncoding(el, this.encoding)).items;
    }
    return el.items;
  }
}

interface BinaryReader {
  size: number;
  read(view: DataView, p: number, le: boolean): number;
}

const BINARY_READERS: Record<string, BinaryReader> = {
  US: { size: 2, read: (v, p, le) => v.getUint16(p, le) },
  OW: { size: 2, read: (v, p, le) => v.getUint16(p, le) },
  SS: { size: 2, read: (v, p, le) => v.getInt16(p, le) },
  UL: { size: 4, read: (v, p, le) => v.getUint32(p, le) },
  OL: { size: 4, read: (v, p, le) => v.getUint32(p, le) },
  SL: { size: 4, read: (v, p, le) => v.getInt32(p, le) },
  FL: { size: 4, read: (v, p, le) => v.getFloat32(p, le) },
  OF: { size: 4, read: (v, p, le) => v.getFloat32(p, le) },
  FD: { size: 8, read: (v, p, le) => v.getFloat64(p, le) },
  OD: { size: 8, read: (v, p, le) => v.getFloat64(p, le) },
  SV: { size: 8, read: (v, p, le) => Number(v.getBigInt64(p, le)) },
  UV: { size: 8, read: (v, p, le) => Number(v.getBigUint64(p, le)) },
  OV: { size: 8, read: (v, p, le) => Number(v.getBigUint64(p, le)) },
  AT: { size: 4, read: (v, p, le) => ((v.getUint16(p, le) << 16) | v.getUint16(p + 2, le)) >>> 0 },
};

/** Encoding of a sequence's items: an Explicit VR 'UN' of undefined length holds Implicit VR LE items (PS3.5 §6.2.2 note). */
function itemEncoding(el: DicomElement, parent: Encoding): Encoding {
  if (el.vr === 'UN' && parent.explicitVr) return { littleEndian: true, explicitVr: false, text: parent.text };
  return parent;
}

function truncated(ctx: ParseContext, what: string, at: number, need: number): DicomParseError {
  return new DicomParseError(
    `truncated DICOM data: ${what} at byte ${at} needs ${need} bytes but the data ends at byte ${ctx.bytes.length}`,
    ctx.path,
    true,
  );
}

function isVrChar(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

interface DatasetScan {
  elements: Map<number, DicomElement>;
  /** Position after the scanned elements (after the delimiter when one ended the scan). */
  end: number;
  /** The encoding after the scan: a Specific Character Set in the dataset overrides the inherited one. */
  encoding: Encoding;
  /** The scan stopped at `stopTag`. */
  stopped: boolean;
}

/**
 * Scans elements from `start` until `end`, an Item Delimitation Item (when `inItem`), or the
 * first tag ≥ `stopTag` (that element is not consumed). Returns the position after the last
 * element (after the delimiter, when one ended the scan).
 */
function scanElements(
  ctx: ParseContext,
  start: number,
  end: number,
  enc: Encoding,
  inItem: boolean,
  stopTag: number | undefined,
): DatasetScan {
  const { view, bytes } = ctx;
  const le = enc.littleEndian;
  const elements = new Map<number, DicomElement>();
  let pos = start;
  while (pos < end) {
    if (pos + 8 > end) throw truncated(ctx, 'element header', pos, 8);
    const t = ((view.getUint16(pos, le) << 16) | view.getUint16(pos + 2, le)) >>> 0;
    if (t === TAG.ItemDelimitationItem) {
      if (!inItem) throw new DicomParseError(`unexpected item delimiter at byte ${pos}`, ctx.path, false);
      return { elements, end: pos + 8, encoding: enc, stopped: false };
    }
    if (stopTag !== undefined && t >= stopTag) return { elements, end: pos, encoding: enc, stopped: true };
    let vr: string;
    let length: number;
    let header: number;
    if (enc.explicitVr && t >>> 16 !== 0xfffe) {
      const c0 = bytes[pos + 4];
      const c1 = bytes[pos + 5];
      if (!isVrChar(c0) || !isVrChar(c1)) {
        throw new DicomParseError(
          `corrupt DICOM data: element ${formatTag(t)} at byte ${pos} has no valid VR (bytes ${c0}, ${c1})`,
          ctx.path,
          false,
        );
      }
      vr = String.fromCharCode(c0, c1);
      if (LONG_LENGTH_VRS.has(vr)) {
        if (pos + 12 > end) throw truncated(ctx, `element ${formatTag(t)} header`, pos, 12);
        length = view.getUint32(pos + 8, le);
        header = 12;
      } else {
        length = view.getUint16(pos + 6, le);
        header = 8;
      }
    } else {
      length = view.getUint32(pos + 4, le);
      vr = length === UNDEFINED && t !== TAG.PixelData ? 'SQ' : (IMPLICIT_VR.get(t) ?? 'UN');
      header = 8;
    }
    const valueStart = pos + header;
    const el: DicomElement = { tag: t, vr, offset: valueStart, length, undefinedLength: length === UNDEFINED };
    if (length === UNDEFINED) {
      if (t === TAG.PixelData) {
        const { offsetTable, fragments, next } = scanEncapsulated(ctx, valueStart, end, le);
        el.encapsulated = { offsetTable, fragments };
        el.length = next - 8 - valueStart;
        pos = next;
      } else {
        const parsed = parseItems(ctx, valueStart, end, true, itemEncoding(el, enc));
        el.items = parsed.items;
        el.length = parsed.contentEnd - valueStart;
        pos = parsed.next;
      }
    } else {
      if (valueStart + length > end) throw truncated(ctx, `value of ${formatTag(t)}`, valueStart, length);
      pos = valueStart + length;
    }
    elements.set(t, el);
    if (t === TAG.SpecificCharacterSet) {
      const value = decodeText(bytes.subarray(el.offset, el.offset + el.length), 'CS', 'windows-1252');
      enc = { ...enc, text: encodingForCharset(value) };
    }
  }
  if (inItem) throw truncated(ctx, 'item without delimiter', pos, 8);
  return { elements, end: pos, encoding: enc, stopped: false };
}

/**
 * Parses sequence items from `start`: up to `end` for a defined-length sequence, or up to the
 * Sequence Delimitation Item when `undefinedLength`.
 */
function parseItems(
  ctx: ParseContext,
  start: number,
  end: number,
  undefinedLength: boolean,
  enc: Encoding,
): { items: DicomDataset[]; contentEnd: number; next: number } {
  const { view } = ctx;
  const le = enc.littleEndian;
  const items: DicomDataset[] = [];
  let pos = start;
  while (pos < end) {
    if (pos + 8 > end) throw truncated(ctx, 'item header', pos, 8);
    const t = ((view.getUint16(pos, le) << 16) | view.getUint16(pos + 2, le)) >>> 0;
    const length = view.getUint32(pos + 4, le);
    if (t === TAG.SequenceDelimitationItem) {
      if (!undefinedLength) throw new DicomParseError(`unexpected sequence delimiter at byte ${pos}`, ctx.path, false);
      return { items, contentEnd: pos, next: pos + 8 };
    }
    if (t !== TAG.Item) {
      throw new DicomParseError(`corrupt DICOM data: expected an item tag at byte ${pos}, found ${formatTag(t)}`, ctx.path, false);
    }
    let scan: DatasetScan;
    if (length === UNDEFINED) {
      scan = scanElements(ctx, pos + 8, end, enc, true, undefined);
    } else {
      if (pos + 8 + length > end) throw truncated(ctx, 'item', pos + 8, length);
      scan = scanElements(ctx, pos + 8, pos + 8 + length, enc, false, undefined);
    }
    items.push(new DicomDataset(ctx.bytes, scan.encoding, scan.elements, ctx.path));
    pos = scan.end;
  }
  if (undefinedLength) throw truncated(ctx, 'sequence without delimiter', pos, 8);
  return { items, contentEnd: pos, next: pos };
}

/** Encapsulated pixel data (PS3.5 §A.4): a basic offset table item, fragment items, a sequence delimiter. */
function scanEncapsulated(
  ctx: ParseContext,
  start: number,
  end: number,
  le: boolean,
): { offsetTable: ByteRange; fragments: ByteRange[]; next: number } {
  const { view } = ctx;
  const items: ByteRange[] = [];
  let pos = start;
  for (;;) {
    if (pos + 8 > end) throw truncated(ctx, 'pixel data fragment header', pos, 8);
    const t = ((view.getUint16(pos, le) << 16) | view.getUint16(pos + 2, le)) >>> 0;
    const length = view.getUint32(pos + 4, le);
    if (t === TAG.SequenceDelimitationItem) break;
    if (t !== TAG.Item) {
      throw new DicomParseError(`corrupt encapsulated pixel data: found ${formatTag(t)} at byte ${pos}`, ctx.path, false);
    }
    if (pos + 8 + length > end) throw truncated(ctx, 'pixel data fragment', pos + 8, length);
    items.push({ offset: pos + 8, length });
    pos += 8 + length;
  }
  if (items.length === 0) throw new DicomParseError('encapsulated pixel data without a basic offset table item', ctx.path, false);
  return { offsetTable: items[0], fragments: items.slice(1), next: pos + 8 };
}

/** A parsed Part-10 file. */
export interface DicomFile {
  path: string | undefined;
  transferSyntax: TransferSyntax;
  /** File meta information (group 0002). */
  meta: DicomDataset;
  dataset: DicomDataset;
  /** Parsing stopped at the Pixel Data element (header-only read); its value was not scanned. */
  stoppedAtPixelData: boolean;
  /** Bytes of the input consumed by the parse (for a header-only read: the header length). */
  parsedLength: number;
}

export interface ParseOptions {
  /** Path used in error messages. */
  path?: string;
  /** Stop before the Pixel Data element (header-only scan). */
  untilPixelData?: boolean;
}

/**
 * Parses DICOM bytes. Part-10 files (128-byte preamble + "DICM" + meta group) are the norm; a raw
 * dataset without preamble is accepted when it starts with group 0002 or 0008, its syntax being
 * guessed (Explicit VR when bytes 4–5 are a VR, otherwise Implicit VR, little endian).
 * @throws DicomParseError naming the path when the data is not DICOM, truncated or malformed.
 */
export function parseDicom(bytes: Uint8Array, options: ParseOptions = {}): DicomFile {
  const ctx: ParseContext = {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    path: options.path,
  };
  const stopTag = options.untilPixelData ? TAG.PixelData : undefined;
  const hasPreamble =
    bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  let pos = hasPreamble ? 132 : 0;
  if (!hasPreamble) {
    const group = bytes.length >= 8 ? ctx.view.getUint16(0, true) : -1;
    if (group !== 0x0002 && group !== 0x0008) {
      throw new DicomParseError('not a DICOM file (no "DICM" marker at byte 128 and no DICOM group at byte 0)', options.path, bytes.length < 132);
    }
  }
  const metaEnc: Encoding = { littleEndian: true, explicitVr: true, text: 'windows-1252' };
  let metaElements = new Map<number, DicomElement>();
  if (ctx.view.byteLength >= pos + 2 && ctx.view.getUint16(pos, true) === 0x0002) {
    // The meta group ends where group 0002 ends; its group length element is not trusted.
    const metaEnd = findGroupEnd(ctx, pos);
    metaElements = scanElements(ctx, pos, metaEnd, metaEnc, false, undefined).elements;
    pos = metaEnd;
  }
  const meta = new DicomDataset(bytes, metaEnc, metaElements, options.path);
  let tsUid = meta.string(TAG.TransferSyntaxUID);
  if (!tsUid) tsUid = bytes.length >= pos + 6 && isVrChar(bytes[pos + 4]) && isVrChar(bytes[pos + 5]) ? TS.ExplicitVRLittleEndian : TS.ImplicitVRLittleEndian;
  const syntax = transferSyntax(tsUid);
  let dataBytes = bytes;
  let dataCtx = ctx;
  if (syntax.deflated) {
    try {
      dataBytes = new Uint8Array(inflateRawSync(bytes.subarray(pos)));
    } catch (e) {
      throw new DicomParseError(`corrupt deflated dataset: ${(e as Error).message}`, options.path, false);
    }
    dataCtx = { bytes: dataBytes, view: new DataView(dataBytes.buffer, dataBytes.byteOffset, dataBytes.byteLength), path: options.path };
    pos = 0;
  }
  const enc: Encoding = { littleEndian: syntax.littleEndian, explicitVr: syntax.explicitVr, text: 'windows-1252' };
  const scan = scanElements(dataCtx, pos, dataBytes.length, enc, false, stopTag);
  const dataset = new DicomDataset(dataBytes, scan.encoding, scan.elements, options.path);
  return {
    path: options.path,
    transferSyntax: syntax,
    meta,
    dataset,
    stoppedAtPixelData: scan.stopped,
    parsedLength: syntax.deflated ? bytes.length : scan.end,
  };
}

/** Byte position where the group-0002 elements starting at `start` end (explicit VR LE). */
function findGroupEnd(ctx: ParseContext, start: number): number {
  const { view, bytes } = ctx;
  let pos = start;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const vr = String.fromCharCode(bytes[pos + 4], bytes[pos + 5]);
    if (LONG_LENGTH_VRS.has(vr)) {
      if (pos + 12 > bytes.length) throw truncated(ctx, 'file meta element header', pos, 12);
      pos += 12 + view.getUint32(pos + 8, true);
    } else {
      pos += 8 + view.getUint16(pos + 6, true);
    }
  }
  if (pos > bytes.length) throw truncated(ctx, 'file meta information', start, pos - start);
  return pos;
}
