// The bridge's binary call body, for channels whose input carries bytes (a mask to save):
// [u32 LE length of the JSON part][JSON: input without the bytes + the byte field's name][bytes].
// Electron passes the same input through ipcRenderer.invoke with a Uint8Array, no encoding needed.

/** The top-level input field holding bytes, if any. */
export function binaryField(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  return Object.entries(input).find(([, v]) => v instanceof Uint8Array)?.[0];
}

export function encodeBinaryBody(input: Record<string, unknown>, field: string): Blob {
  const bytes = input[field] as Uint8Array;
  const rest = { ...input };
  delete rest[field];
  const json = new TextEncoder().encode(JSON.stringify({ input: rest, field }));
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, json.length, true);
  return new Blob([len, json, bytes as Uint8Array<ArrayBuffer>]);
}

export function decodeBinaryBody(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4) throw new Error('binary call body too short');
  const n = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
  if (4 + n > body.length) throw new Error('binary call body: JSON part runs past the end');
  const { input, field } = JSON.parse(new TextDecoder().decode(body.subarray(4, 4 + n))) as { input: Record<string, unknown>; field: string };
  if (typeof field !== 'string' || !input || typeof input !== 'object') throw new Error('binary call body: malformed JSON part');
  return { ...input, [field]: body.subarray(4 + n) };
}
