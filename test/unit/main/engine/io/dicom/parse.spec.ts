import { describe, expect, it } from 'vitest';
import { DicomParseError, parseDicom } from '../../../../../../src/main/engine/io/dicom/parse';
import { isNativelyDecodable, pixelFormat, readStoredFrame } from '../../../../../../src/main/engine/io/dicom/pixels';
import { TAG } from '../../../../../../src/main/engine/io/dicom/tags';
import { ctSliceElements, encodeTestDicom, type TestElement, type TestSyntax } from '../../../../../support/dicomWriter';

const pixels = Int16Array.from({ length: 12 }, (_, i) => (i % 2 ? -1 : 1) * i * 300);

function slice(extra: TestElement[] = []): TestElement[] {
  return ctSliceElements({ rows: 3, columns: 4, position: [1.5, -2, 30.25], pixels, sopUid: '1.2.3.99', extra });
}

const nested: TestElement = {
  tag: TAG.ReferencedSeriesSequence,
  vr: 'SQ',
  value: [
    [
      { tag: TAG.SeriesInstanceUID, vr: 'UI', value: '1.2.3.4.5' },
      {
        tag: TAG.ReferencedInstanceSequence,
        vr: 'SQ',
        value: [[{ tag: TAG.ReferencedSOPInstanceUID, vr: 'UI', value: '9.8.7' }], [{ tag: TAG.ReferencedSOPInstanceUID, vr: 'UI', value: '9.8.6' }]],
      },
    ],
  ],
};

describe('parseDicom', () => {
  const syntaxes: TestSyntax[] = ['implicit', 'explicit', 'bigEndian', 'rle', 'deflated'];
  for (const syntax of syntaxes) {
    for (const undefinedLengthSequences of [false, true]) {
      it(`reads ${syntax} data (${undefinedLengthSequences ? 'undefined' : 'defined'}-length sequences)`, () => {
        const bytes = encodeTestDicom(slice([nested]), { syntax, undefinedLengthSequences });
        const file = parseDicom(bytes, { path: 'x.dcm' });
        const ds = file.dataset;
        expect(ds.string(TAG.Modality)).toBe('CT');
        expect(ds.string(TAG.SOPInstanceUID)).toBe('1.2.3.99');
        expect(ds.number(TAG.Rows)).toBe(3);
        expect(ds.number(TAG.Columns)).toBe(4);
        expect(ds.numbers(TAG.ImagePositionPatient)).toEqual([1.5, -2, 30.25]);
        const seq = ds.sequence(TAG.ReferencedSeriesSequence);
        expect(seq).toHaveLength(1);
        expect(seq[0].string(TAG.SeriesInstanceUID)).toBe('1.2.3.4.5');
        expect(seq[0].sequence(TAG.ReferencedInstanceSequence).map((d) => d.string(TAG.ReferencedSOPInstanceUID))).toEqual(['9.8.7', '9.8.6']);
        expect(isNativelyDecodable(file)).toBe(true);
        const pf = pixelFormat(file);
        expect(Array.from(readStoredFrame(file, pf, 0))).toEqual(Array.from(pixels));
      });
    }
  }

  it('accepts a dataset without preamble', () => {
    const file = parseDicom(encodeTestDicom(slice(), { noPreamble: true }));
    expect(file.dataset.string(TAG.Modality)).toBe('CT');
  });

  it('stops before Pixel Data on request', () => {
    const bytes = encodeTestDicom(slice(), { syntax: 'explicit' });
    const file = parseDicom(bytes, { untilPixelData: true });
    expect(file.stoppedAtPixelData).toBe(true);
    expect(file.dataset.has(TAG.PixelData)).toBe(false);
    expect(file.parsedLength).toBeLessThan(bytes.length);
  });

  it('decodes the Specific Character Set (UTF-8 and GB18030), also inside sequence items', () => {
    const gb = new Uint8Array([0xb6, 0xaf, 0xc2, 0xf6, 0xc6, 0xda]); // "动脉期" in GB18030
    const bytes = encodeTestDicom(
      [
        { tag: TAG.SpecificCharacterSet, vr: 'CS', value: 'GB18030' },
        { tag: TAG.SeriesDescription, vr: 'LO', value: gb },
        { tag: TAG.ReferencedSeriesSequence, vr: 'SQ', value: [[{ tag: TAG.SeriesDescription, vr: 'LO', value: gb }]] },
      ],
      { syntax: 'implicit' },
    );
    const ds = parseDicom(bytes).dataset;
    expect(ds.string(TAG.SeriesDescription)).toBe('动脉期');
    expect(ds.sequence(TAG.ReferencedSeriesSequence)[0].string(TAG.SeriesDescription)).toBe('动脉期');
    const utf8 = parseDicom(
      encodeTestDicom([
        { tag: TAG.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
        { tag: TAG.SeriesDescription, vr: 'LO', value: '静脉期 venous' },
      ]),
    ).dataset;
    expect(utf8.string(TAG.SeriesDescription)).toBe('静脉期 venous');
  });

  it('reports a truncated file with its path and the truncated flag', () => {
    const bytes = encodeTestDicom(slice(), { syntax: 'explicit' });
    let error: unknown;
    try {
      parseDicom(bytes.subarray(0, bytes.length - 7), { path: '/data/a/cut.dcm' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DicomParseError);
    expect((error as DicomParseError).truncated).toBe(true);
    expect((error as Error).message).toMatch(/^\/data\/a\/cut\.dcm: truncated/);
  });

  it('reports corrupt content (no valid VR) with its path', () => {
    const bytes = encodeTestDicom(slice(), { syntax: 'explicit' });
    const corrupt = bytes.slice();
    // Overwrite the VR of the first dataset element after the meta group with garbage.
    const file = parseDicom(bytes);
    const first = Math.min(...[...file.dataset.elements.values()].map((e) => e.offset));
    corrupt[first - 4] = 0x01;
    expect(() => parseDicom(corrupt, { path: 'bad.dcm' })).toThrow(/^bad\.dcm: corrupt DICOM data/);
  });

  it('rejects a file that is not DICOM', () => {
    expect(() => parseDicom(new Uint8Array(300).fill(7), { path: 'notes.txt' })).toThrow(/notes\.txt: not a DICOM file/);
  });
});

describe('readStoredFrame', () => {
  it('masks bits above BitsStored and sign-extends signed 12-bit values', () => {
    const raw = Uint16Array.from([0xf000 | 0x0fff, 0x0800, 0xa000 | 0x07ff, 0x0001]);
    const unsigned = parseDicom(
      encodeTestDicom(ctSliceElements({ rows: 1, columns: 4, position: [0, 0, 0], pixels: raw, signed: false, bitsStored: 12, sopUid: '1' })),
    );
    expect(Array.from(readStoredFrame(unsigned, pixelFormat(unsigned), 0))).toEqual([4095, 2048, 2047, 1]);
    const signed = parseDicom(
      encodeTestDicom(ctSliceElements({ rows: 1, columns: 4, position: [0, 0, 0], pixels: raw, signed: true, bitsStored: 12, sopUid: '1' })),
    );
    expect(Array.from(readStoredFrame(signed, pixelFormat(signed), 0))).toEqual([-1, -2048, 2047, 1]);
  });

  it('decodes RLE runs longer than one PackBits packet', () => {
    const long = new Int16Array(400).fill(-1000);
    long[200] = 5;
    const file = parseDicom(encodeTestDicom(ctSliceElements({ rows: 20, columns: 20, position: [0, 0, 0], pixels: long, sopUid: '1' }), { syntax: 'rle' }));
    expect(Array.from(readStoredFrame(file, pixelFormat(file), 0))).toEqual(Array.from(long));
  });

  it('names the file when Pixel Data is shorter than the frame', () => {
    const elements = ctSliceElements({ rows: 3, columns: 4, position: [0, 0, 0], pixels: pixels.subarray(0, 10), sopUid: '1' });
    const file = parseDicom(encodeTestDicom(elements), { path: 'short.dcm' });
    expect(() => readStoredFrame(file, pixelFormat(file), 0)).toThrow(/^short\.dcm: Pixel Data holds 20 bytes/);
  });
});
