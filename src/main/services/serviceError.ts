/** A refusal by a service with the kind the IPC layer reports (`not_found`, `conflict`, `invalid_input`, `forbidden`). */
export class ServiceError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid_input' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
