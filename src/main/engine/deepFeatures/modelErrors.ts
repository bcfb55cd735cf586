/**
 * Errors about model files, with messages written for the user. Their `name` survives the trip
 * across the inference process boundary, so callers can tell them apart.
 */

/** The file is not a readable ONNX model, or lacks a tensor the manifest names. */
export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/** The file's SHA-256 differs from the one expected (published or recorded at registration). */
export class ModelChecksumError extends Error {
  override name = 'ModelChecksumError';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`checksum mismatch for model file ${file}: expected sha256 ${expected}, got ${actual}`);
  }
}

/** No model file where one was expected. */
export class ModelNotFoundError extends Error {
  override name = 'ModelNotFoundError';
}

/** The model's input or outputs do not have the shape its manifest declares. */
export class ModelShapeError extends Error {
  override name = 'ModelShapeError';
}
