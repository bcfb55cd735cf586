import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from '../../../../../src/main/engine/io/nifti';
import { decodeNrrd, readNrrd } from '../../../../../src/main/engine/io/nrrd';
import { readImage } from '../../../../../src/main/engine/io/readImage';
import { tempDir } from '../../../../support/tmp';

function nrrd(header: string[], data: Uint8Array): Uint8Array {
  const head = Buffer.from(`NRRD0004\n${header.join('\n')}\n\n`, 'latin1');
  return new Uint8Array(Buffer.concat([head, Buffer.from(data)]));
}

const base = ['dimension: 3', 'sizes: 2 2 1', 'space: left-posterior-superior', 'space directions: (1,0,0) (0,2,0) (0,0,3)', 'space origin: (10,20,30)', 'kinds: domain domain domain'];

describe('NRRD reader', () => {
  it('decodes big-endian raw int16 and keeps LPS geometry', () => {
    const bytes = new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x01, 0x00, 0x80, 0x00]);
    const [v] = decodeNrrd(nrrd([...base, 'type: short', 'endian: big', 'encoding: raw'], bytes), 'be.nrrd');
    expect(Array.from(v!.data)).toEqual([1, -2, 256, -32768]);
    expect(v!.spacing).toEqual([1, 2, 3]);
    expect(v!.origin).toEqual([10, 20, 30]);
  });

  it('converts a RAS space to LPS (x and y negated in directions and origin)', () => {
    const header = ['dimension: 3', 'sizes: 1 1 1', 'space: right-anterior-superior', 'space directions: (2,0,0) (0,2,0) (0,0,2)', 'space origin: (5,6,7)', 'type: uchar', 'encoding: raw'];
    const [v] = decodeNrrd(nrrd(header, new Uint8Array([9])), 'ras.nrrd');
    expect(v!.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect(v!.origin).toEqual([-5, -6, 7]);
  });

  it('splits a leading vector axis into one volume per component', () => {
    const header = ['dimension: 4', 'sizes: 2 1 1 2', 'kinds: vector domain domain domain', 'type: uchar', 'encoding: raw', 'space: left-posterior-superior', 'space directions: none (1,0,0) (0,1,0) (0,0,1)'];
    const channels = decodeNrrd(nrrd(header, new Uint8Array([1, 2, 3, 4])), 'seg.nrrd');
    expect(channels.map((c) => Array.from(c.data))).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('reads gzip data and ascii data', () => {
    const gz = gzipSync(Buffer.from(new Int16Array([1, 2, 3, 4]).buffer));
    const [a] = decodeNrrd(nrrd([...base, 'type: short', 'endian: little', 'encoding: gzip'], gz), 'gz.nrrd');
    expect(Array.from(a!.data)).toEqual([1, 2, 3, 4]);
    const [b] = decodeNrrd(nrrd([...base, 'type: float', 'encoding: ascii'], Buffer.from('1.5 2\n3 -4\n')), 'txt.nrrd');
    expect(b!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(b!.data)).toEqual([1.5, 2, 3, -4]);
  });

  it('truncated raw data: error names the file and the byte counts', () => {
    const dir = tempDir();
    const file = join(dir, 'short.nrrd');
    writeFileSync(file, nrrd([...base, 'type: short', 'endian: little', 'encoding: raw'], new Uint8Array(5)));
    expect(() => readNrrd(file)).toThrow(`${file}: truncated NRRD data: expected 8 bytes, found 5`);
  });

  it('truncated gzip stream: error names the file', () => {
    const dir = tempDir();
    const file = join(dir, 'cut.nrrd');
    const gz = gzipSync(Buffer.from(new Int16Array(1000).fill(7).buffer));
    writeFileSync(file, nrrd([...base.slice(0, 1), 'sizes: 10 10 10', 'type: short', 'endian: little', 'encoding: gzip'], gz.subarray(0, gz.length - 20)));
    expect(() => readNrrd(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: truncated or corrupt gzip data`));
  });

  it('truncated header and unsupported pixel type are named', () => {
    expect(() => decodeNrrd(new Uint8Array(Buffer.from('NRRD0004\ntype: short\ndimension: 3')), 'h.nrrd')).toThrow('h.nrrd: truncated NRRD file');
    expect(() => decodeNrrd(nrrd([...base, 'type: int64', 'endian: little', 'encoding: raw'], new Uint8Array(32)), 'i64.nrrd')).toThrow(
      "i64.nrrd: unsupported NRRD pixel type 'int64'",
    );
    expect(() => decodeNrrd(nrrd([...base, 'type: short', 'endian: little', 'encoding: bzip2'], new Uint8Array(8)), 'bz.nrrd')).toThrow(
      "bz.nrrd: unsupported NRRD encoding 'bzip2'",
    );
    expect(() => decodeNrrd(new Uint8Array(Buffer.from('P5 2 2 255\n')), 'x.pgm')).toThrow('x.pgm: not a NRRD file');
  });

  it('missing file and unknown extension are named', () => {
    expect(() => readImage('/nonexistent/dir/a.nrrd')).toThrow('/nonexistent/dir/a.nrrd: cannot read file (ENOENT)');
    const dir = tempDir();
    const file = join(dir, 'image.png');
    writeFileSync(file, 'x');
    expect(() => readImage(file)).toThrow(`${file}: unsupported image format`);
  });
});

/** A minimal little-endian NIfTI-1 single-file image. */
function nifti(opts: { datatype: number; bitpix: number; dims: number[]; data: Uint8Array; slope?: number; inter?: number; qform?: number; sform?: number; srow?: number[][]; quatern?: number[]; qoffset?: number[]; pixdim?: number[] }): Uint8Array {
  const buf = new ArrayBuffer(352 + opts.data.length);
  const v = new DataView(buf);
  v.setInt32(0, 348, true);
  const dims = [opts.dims.length, ...opts.dims, 1, 1, 1, 1, 1, 1, 1].slice(0, 8);
  dims.forEach((d, i) => v.setInt16(40 + 2 * i, d, true));
  v.setInt16(70, opts.datatype, true);
  v.setInt16(72, opts.bitpix, true);
  (opts.pixdim ?? [1, 1, 1, 1]).forEach((p, i) => v.setFloat32(76 + 4 * i, p, true));
  v.setFloat32(108, 352, true);
  v.setFloat32(112, opts.slope ?? 1, true);
  v.setFloat32(116, opts.inter ?? 0, true);
  v.setInt16(252, opts.qform ?? 0, true);
  v.setInt16(254, opts.sform ?? 0, true);
  (opts.quatern ?? [0, 0, 0]).forEach((q, i) => v.setFloat32(256 + 4 * i, q, true));
  (opts.qoffset ?? [0, 0, 0]).forEach((q, i) => v.setFloat32(268 + 4 * i, q, true));
  (opts.srow ?? []).forEach((row, r) => row.forEach((x, c) => v.setFloat32(280 + 16 * r + 4 * c, x, true)));
  new Uint8Array(buf).set(Buffer.from('n+1\0', 'latin1'), 344);
  new Uint8Array(buf).set(opts.data, 352);
  return new Uint8Array(buf);
}

describe('NIfTI reader', () => {
  const i16 = (values: number[]): Uint8Array => new Uint8Array(new Int16Array(values).buffer);

  it('applies scl_slope/scl_inter and promotes integers to float32, as ITK does', () => {
    const [v] = decodeNifti(nifti({ datatype: 4, bitpix: 16, dims: [2, 1, 1], data: i16([10, -3]), slope: 0.5, inter: -1000 }), 'scl.nii');
    expect(v!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(v!.data)).toEqual([-995, -1001.5]);
  });

  it('qform (method 2) → LPS: quaternion (0,0,1) is a 180° turn about z, i.e. identity in LPS', () => {
    const [v] = decodeNifti(
      nifti({ datatype: 4, bitpix: 16, dims: [1, 1, 1], data: i16([0]), qform: 1, quatern: [0, 0, 1], qoffset: [10, 20, 30], pixdim: [1, 2, 3, 4] }),
      'q.nii',
    );
    expect(v!.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(v!.origin).toEqual([-10, -20, 30]);
    expect(v!.spacing).toEqual([2, 3, 4]);
  });

  it('prefers a SCANNER_ANAT sform over a different qform; falls back to the qform for a sheared sform', () => {
    const srow = [
      [0, 2, 0, 1],
      [-2, 0, 0, 2],
      [0, 0, 2, 3],
    ];
    const [s] = decodeNifti(nifti({ datatype: 4, bitpix: 16, dims: [1, 1, 1], data: i16([0]), qform: 1, sform: 1, srow, pixdim: [1, 2, 2, 2] }), 's.nii');
    // RAS columns (0,-1,0), (1,0,0), (0,0,1) → LPS rows x, y negated
    expect(s!.direction).toEqual([0, -1, 0, 1, 0, 0, 0, 0, 1]);
    expect(s!.origin).toEqual([-1, -2, 3]);
    const sheared = [
      [2, 1, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 2, 0],
    ];
    const [q] = decodeNifti(nifti({ datatype: 4, bitpix: 16, dims: [1, 1, 1], data: i16([0]), qform: 1, sform: 2, srow: sheared, pixdim: [1, 2, 2, 2] }), 'q.nii');
    expect(q!.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it('rejects unsupported types, 4-D series, truncated data and corrupt gzip, naming the file', () => {
    expect(() => decodeNifti(nifti({ datatype: 1024, bitpix: 64, dims: [1, 1, 1], data: new Uint8Array(8) }), 'a.nii')).toThrow(
      'a.nii: unsupported NIfTI pixel type int64 (datatype 1024)',
    );
    expect(() => decodeNifti(nifti({ datatype: 128, bitpix: 24, dims: [1, 1, 1], data: new Uint8Array(3) }), 'rgb.nii')).toThrow('rgb.nii: unsupported NIfTI pixel type RGB24');
    expect(() => decodeNifti(nifti({ datatype: 4, bitpix: 16, dims: [1, 1, 1, 3], data: i16([1, 2, 3]) }), 't.nii')).toThrow('t.nii: 4-D NIfTI');
    expect(() => decodeNifti(nifti({ datatype: 4, bitpix: 16, dims: [4, 1, 1], data: i16([1, 2]) }), 'cut.nii')).toThrow(
      'cut.nii: truncated NIfTI data: expected 8 bytes after offset 352, found 4',
    );
    const gz = gzipSync(Buffer.from(nifti({ datatype: 4, bitpix: 16, dims: [64, 64, 4], data: new Uint8Array(64 * 64 * 4 * 2) })));
    expect(() => decodeNifti(new Uint8Array(gz.subarray(0, gz.length - 30)), 'cut.nii.gz')).toThrow('cut.nii.gz: truncated or corrupt gzip data');
    expect(() => decodeNifti(new Uint8Array(100), 'tiny.nii')).toThrow('tiny.nii: truncated NIfTI file');
  });
});
