/**
 * Error raised by the image readers. The message always names the file, so a batch extraction
 * can report which input was bad without extra context.
 */
export class ImageReadError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ImageReadError';
  }
}
