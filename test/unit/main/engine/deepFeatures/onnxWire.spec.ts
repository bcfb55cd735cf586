import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { exposeGraphOutputs, summariseOnnxGraph } from '../../../../../src/main/engine/deepFeatures/onnxWire';
import { buildResNet18 } from '../../../../golden/generate/resnet18Onnx';

const { onnx } = onnxProto;

describe('ONNX wire-level reader/editor', () => {
  const { bytes } = buildResNet18({ width: 2, seed: 1 });

  it('lists inputs with shapes, outputs, initializers and node outputs', () => {
    const s = summariseOnnxGraph(bytes);
    expect(s.inputs).toEqual([{ name: 'input', dims: ['N', 3, 224, 224] }]);
    expect(s.outputs.map((o) => [o.name, o.dims])).toEqual([
      ['features', ['N', 16]],
      ['layer4', ['N', 16, 7, 7]],
      ['logits', ['N', 1000]],
    ]);
    expect(s.initializers.has('layer2.0.downsample.weight')).toBe(true);
    expect(s.nodeOutputs.has('avgpool_out')).toBe(true);
  });

  it('adds intermediate tensors as graph outputs; protobuf decoding (onnx-proto) sees the same model plus them', () => {
    const edited = exposeGraphOutputs(bytes, ['avgpool_out', 'features', 'layer3.1.relu2_out']);
    const before = onnx.ModelProto.decode(bytes);
    const after = onnx.ModelProto.decode(edited);
    expect(after.graph!.output!.map((o) => o.name)).toEqual(['features', 'layer4', 'logits', 'avgpool_out', 'layer3.1.relu2_out']);
    expect(after.graph!.node!.length).toBe(before.graph!.node!.length);
    expect(after.graph!.initializer!.length).toBe(before.graph!.initializer!.length);
    expect(after.opsetImport).toEqual(before.opsetImport);
    expect(exposeGraphOutputs(bytes, ['features'])).toBe(bytes);
  });

  it('names tensors the graph does not have, and rejects bytes that are not a model', () => {
    expect(() => exposeGraphOutputs(bytes, ['resnetv22_pool1_fwd'])).toThrow("the model has no tensor named 'resnetv22_pool1_fwd'");
    expect(() => summariseOnnxGraph(new TextEncoder().encode('{"not": "onnx"}'))).toThrow(/ModelFormatError|overruns|wire type|no graph/);
  });
});
