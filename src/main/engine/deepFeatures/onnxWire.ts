/**
 * Just enough of the protobuf wire format to inspect and minimally edit an ONNX model without a
 * protobuf library: list the graph's inputs, outputs, initializers and node outputs, and expose an
 * intermediate tensor (for example the global-average-pool output of a classifier) as an extra graph
 * output so ONNX Runtime returns it.
 *
 * Wire format (protobuf encoding spec): a message is a sequence of (tag, value) pairs, tag =
 * varint(field << 3 | wireType); wire type 0 = varint, 1 = 8 bytes, 2 = varint length + bytes,
 * 5 = 4 bytes. Field numbers used (onnx/onnx.proto): ModelProto.graph = 7; GraphProto.node = 1,
 * initializer = 5, input = 11, output = 12; NodeProto.output = 2; TensorProto.name = 8;
 * ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; TypeProto.Tensor.shape = 2;
 * TensorShapeProto.dim = 1; Dimension.dim_value = 1, dim_param = 2.
 */
import { ModelFormatError } from './modelErrors';

const utf8 = new TextDecoder('utf-8', { fatal: false });

interface Field {
  field: number;
  wireType: number;
  /** Varint value (wire type 0). */
  value: number;
  /** Payload range for wire type 2; the whole field (tag included) is [tagStart, end). */
  start: number;
  end: number;
  tagStart: number;
}

function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ModelFormatError('truncated varint');
    const b = buf[pos++];
    result += (b & 0x7f) * mul;
    if (b < 0x80) return [result, pos];
    mul *= 128;
  }
  throw new ModelFormatError('malformed varint');
}

function* fields(buf: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    const [tag, p] = readVarint(buf, pos);
    pos = p;
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === 0) {
      const [value, q] = readVarint(buf, pos);
      yield { field, wireType, value, start: pos, end: q, tagStart };
      pos = q;
    } else if (wireType === 2) {
      const [len, q] = readVarint(buf, pos);
      if (q + len > end) throw new ModelFormatError(`field ${field} overruns its message`);
      yield { field, wireType, value: len, start: q, end: q + len, tagStart };
      pos = q + len;
    } else if (wireType === 1 || wireType === 5) {
      const n = wireType === 1 ? 8 : 4;
      yield { field, wireType, value: 0, start: pos, end: pos + n, tagStart };
      pos += n;
    } else {
      throw new ModelFormatError(`unsupported protobuf wire type ${wireType}`);
    }
  }
  if (pos !== end) throw new ModelFormatError('message overruns its bounds');
}

function stringField(buf: Uint8Array, start: number, end: number, fieldNumber: number): string | undefined {
  for (const f of fields(buf, start, end)) if (f.field === fieldNumber && f.wireType === 2) return utf8.decode(buf.subarray(f.start, f.end));
  return undefined;
}

function subMessage(buf: Uint8Array, start: number, end: number, fieldNumber: number): [number, number] | undefined {
  for (const f of fields(buf, start, end)) if (f.field === fieldNumber && f.wireType === 2) return [f.start, f.end];
  return undefined;
}

/** A graph input/output: its name and dims (number = fixed, string = symbolic, null = unknown). */
export interface GraphValue {
  name: string;
  dims: (number | string | null)[] | null;
}

export interface OnnxGraphSummary {
  inputs: GraphValue[];
  outputs: GraphValue[];
  initializers: Set<string>;
  /** Every tensor name some node produces. */
  nodeOutputs: Set<string>;
}

function valueInfo(buf: Uint8Array, start: number, end: number): GraphValue {
  const name = stringField(buf, start, end, 1) ?? '';
  const type = subMessage(buf, start, end, 2);
  const tensor = type && subMessage(buf, type[0], type[1], 1);
  const shape = tensor && subMessage(buf, tensor[0], tensor[1], 2);
  if (!shape) return { name, dims: null };
  const dims: (number | string | null)[] = [];
  for (const d of fields(buf, shape[0], shape[1])) {
    if (d.field !== 1 || d.wireType !== 2) continue;
    let dim: number | string | null = null;
    for (const v of fields(buf, d.start, d.end)) {
      if (v.field === 1 && v.wireType === 0) dim = v.value;
      else if (v.field === 2 && v.wireType === 2) dim = utf8.decode(buf.subarray(v.start, v.end));
    }
    dims.push(dim);
  }
  return { name, dims };
}

function graphRange(model: Uint8Array): Field {
  let graph: Field | undefined;
  for (const f of fields(model, 0, model.length)) if (f.field === 7 && f.wireType === 2) graph = f;
  if (!graph) throw new ModelFormatError('no graph in the model (is this an ONNX file?)');
  return graph;
}

/** Names and shapes of an ONNX model's graph, read straight from its bytes. */
export function summariseOnnxGraph(model: Uint8Array): OnnxGraphSummary {
  const g = graphRange(model);
  const summary: OnnxGraphSummary = { inputs: [], outputs: [], initializers: new Set(), nodeOutputs: new Set() };
  for (const f of fields(model, g.start, g.end)) {
    if (f.wireType !== 2) continue;
    if (f.field === 1) {
      for (const n of fields(model, f.start, f.end)) if (n.field === 2 && n.wireType === 2) summary.nodeOutputs.add(utf8.decode(model.subarray(n.start, n.end)));
    } else if (f.field === 5) {
      summary.initializers.add(stringField(model, f.start, f.end, 8) ?? '');
    } else if (f.field === 11) {
      summary.inputs.push(valueInfo(model, f.start, f.end));
    } else if (f.field === 12) {
      summary.outputs.push(valueInfo(model, f.start, f.end));
    }
  }
  // Models of IR < 4 list their initializers as inputs too; those are weights, not inputs.
  summary.inputs = summary.inputs.filter((v) => !summary.initializers.has(v.name));
  return summary;
}

function varintBytes(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  const head = [...varintBytes(field * 8 + 2), ...varintBytes(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/**
 * Return a copy of `model` whose graph also outputs the tensors `names` (those already graph outputs
 * are left alone). Each added output is a `ValueInfoProto` carrying only the name; ONNX Runtime takes
 * its type and shape from the producing node. Throws {@link ModelFormatError} naming any tensor no
 * node produces.
 */
export function exposeGraphOutputs(model: Uint8Array, names: readonly string[]): Uint8Array {
  const summary = summariseOnnxGraph(model);
  const existing = new Set(summary.outputs.map((o) => o.name));
  const missing = names.filter((n) => !existing.has(n));
  if (missing.length === 0) return model;
  const unknown = missing.filter((n) => !summary.nodeOutputs.has(n));
  if (unknown.length) throw new ModelFormatError(`the model has no tensor named ${unknown.map((n) => `'${n}'`).join(', ')}`);
  const enc = new TextEncoder();
  const added = missing.map((n) => lengthDelimited(12, lengthDelimited(1, enc.encode(n))));
  const g = graphRange(model);
  const graphPayloadLength = g.end - g.start + added.reduce((s, a) => s + a.length, 0);
  const head = [...varintBytes(7 * 8 + 2), ...varintBytes(graphPayloadLength)];
  const out = new Uint8Array(g.tagStart + head.length + graphPayloadLength + (model.length - g.end));
  let pos = 0;
  out.set(model.subarray(0, g.tagStart), pos);
  pos += g.tagStart;
  out.set(head, pos);
  pos += head.length;
  out.set(model.subarray(g.start, g.end), pos);
  pos += g.end - g.start;
  for (const a of added) {
    out.set(a, pos);
    pos += a.length;
  }
  out.set(model.subarray(g.end), pos);
  return out;
}
