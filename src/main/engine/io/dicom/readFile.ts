/**
 * Reading DICOM files from disk: whole files for decoding, or just the header (everything before
 * Pixel Data) for scanning directories quickly.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { DicomParseError, parseDicom, type DicomFile } from './parse';

/** Reads and parses a whole file. @throws DicomParseError naming the path. */
export function readDicomFile(path: string): DicomFile {
  return parseDicom(readFileSync(path), { path });
}

/** First read size of a header scan; CT headers (with private groups) rarely exceed it. */
const HEADER_CHUNK = 64 * 1024;

/**
 * Re-parses a header from a right-sized copy of its bytes, so that keeping many headers (a scanned
 * directory) does not keep every read buffer alive.
 */
function compact(file: DicomFile, bytes: Uint8Array, path: string): DicomFile {
  if (file.transferSyntax.deflated || file.parsedLength === bytes.length) return file;
  const copy = parseDicom(bytes.slice(0, file.parsedLength), { path });
  return { ...copy, stoppedAtPixelData: file.stoppedAtPixelData };
}

/**
 * Reads only the header of a file (parsing stops at Pixel Data). Starts with the first 64 KiB and
 * reads more only if the header is longer. @throws DicomParseError naming the path.
 */
export function readDicomHeader(path: string): DicomFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let want = Math.min(HEADER_CHUNK, size);
    for (;;) {
      const buf = Buffer.allocUnsafe(want);
      const got = readSync(fd, buf, 0, want, 0);
      const bytes = buf.subarray(0, got);
      const whole = got >= size;
      try {
        const file = parseDicom(bytes, { path, untilPixelData: true });
        if (file.stoppedAtPixelData || whole) return compact(file, bytes, path);
      } catch (e) {
        if (!(e instanceof DicomParseError) || !e.truncated || whole) throw e;
      }
      want = Math.min(size, want * 4);
    }
  } finally {
    closeSync(fd);
  }
}
