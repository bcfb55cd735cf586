import { z } from 'zod';

/** Error kinds that cross the IPC boundary; the renderer shows `message` to the user. */
export const ErrorKind = z.enum(['invalid_input', 'not_found', 'conflict', 'forbidden', 'failed']);
export type ErrorKind = z.infer<typeof ErrorKind>;

export interface IpcError {
  kind: ErrorKind;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** An error a handler throws on purpose, with its kind. */
export class HandlerError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}
