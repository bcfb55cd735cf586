/**
 * Deterministic ResNet-18 test network (torchvision topology, seeded random weights, batch-norm folded
 * into the convolutions), written as an ONNX model in pure Node with `onnx-proto`.
 *
 * It stands in for the ImageNet-pretrained ResNet-18 of the study (whose weights cannot be shipped):
 * same graph, same tensor shapes, random weights. Results computed with it are NOT clinical.
 *
 * Topology (He et al. 2016, torchvision `resnet18`), with width w (w = 64 is the real network):
 *   conv1 7×7/2 (3→w) · ReLU · maxpool 3×3/2 · layer1 (2 BasicBlocks, w) · layer2 (2w, first stride 2)
 *   · layer3 (4w) · layer4 (8w) · GlobalAveragePool · Flatten → 'features' [N, 8w]  · Gemm → 'logits' [N, 1000].
 * A BasicBlock is relu(conv3×3(relu(conv3×3(x))) + shortcut(x)); the shortcut of a block that changes
 * stride/width is a 1×1 stride-2 conv (torchvision's `downsample`). The output of layer4 is a second
 * graph output 'layer4' [N, 8w, 7, 7] (class-activation maps are computed from it).
 *
 * Weights: conv kernels ~ N(0, 2/fan_in) (He init); each conv then folds a random batch norm
 * (γ ~ U(0.5, 1), β ~ N(0, 0.1²), running mean ~ N(0, 0.1²), running var ~ U(0.5, 1.5), ε = 1e-5):
 * W' = W·γ/√(var+ε), b' = β − mean·γ/√(var+ε). The second conv of each block uses γ ~ U(0.2, 0.5)
 * so activations stay O(1) through the eight residual additions. fc ~ N(0, 1/(8w)), bias 0.
 * Random numbers: MT19937 (src/main/engine/stats/rng.ts) with Box–Muller normals, so a seed gives
 * byte-identical files on every machine.
 *
 * Write one: `node --import tsx test/golden/generate/resnet18Onnx.ts OUT.onnx [--width 64] [--seed 18] [--no-logits]`.
 * `dlrn demo run` uses it when no pretrained ResNet-18 is registered, and labels every result as such.
 */
import { writeFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { Rng } from '../stats/rng';

const { onnx } = onnxProto;

export interface ResNet18Options {
  /** Channels of layer1 (64 = torchvision's ResNet-18; 8 = the tiny test network). */
  width: number;
  seed?: number;
  /** Add the 1000-way fully connected head as output 'logits' (default true). */
  logits?: boolean;
}

export interface ResNet18Model {
  /** Serialised ONNX ModelProto. */
  bytes: Uint8Array;
  featureCount: number;
}

const BN_EPS = 1e-5;

class Normal {
  private spare: number | undefined;
  constructor(private readonly rng: Rng) {}
  /** Standard normal by Box–Muller. */
  next(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const u1 = this.rng.uniform();
    const u2 = this.rng.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
}

class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly normal: Normal;

  constructor(private readonly rng: Rng) {
    this.normal = new Normal(rng);
  }

  tensor(name: string, dims: number[], data: Float32Array): void {
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      }),
    );
  }

  node(opType: string, inputs: string[], output: string, attrs: Record<string, number | number[]> = {}): string {
    const attribute = Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v)
        ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v })
        : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v }),
    );
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute }));
    return output;
  }

  /** Conv (k×k, stride s, pad (k−1)/2) with a folded random batch norm; returns the output name. */
  convBn(name: string, x: string, cin: number, cout: number, k: number, stride: number, gammaRange: [number, number]): string {
    const fanIn = cin * k * k;
    const std = Math.sqrt(2 / fanIn);
    const w = new Float32Array(cout * fanIn);
    for (let i = 0; i < w.length; i++) w[i] = this.normal.next() * std;
    const b = new Float32Array(cout);
    for (let o = 0; o < cout; o++) {
      const gamma = gammaRange[0] + (gammaRange[1] - gammaRange[0]) * this.rng.uniform();
      const beta = 0.1 * this.normal.next();
      const mean = 0.1 * this.normal.next();
      const variance = 0.5 + this.rng.uniform();
      const scale = gamma / Math.sqrt(variance + BN_EPS);
      for (let i = o * fanIn; i < (o + 1) * fanIn; i++) w[i] *= scale;
      b[o] = beta - mean * scale;
    }
    this.tensor(`${name}.weight`, [cout, cin, k, k], w);
    this.tensor(`${name}.bias`, [cout], b);
    const p = (k - 1) / 2;
    return this.node('Conv', [x, `${name}.weight`, `${name}.bias`], `${name}_out`, {
      kernel_shape: [k, k],
      strides: [stride, stride],
      pads: [p, p, p, p],
    });
  }

  basicBlock(name: string, x: string, cin: number, cout: number, stride: number): string {
    const h = this.node('Relu', [this.convBn(`${name}.conv1`, x, cin, cout, 3, stride, [0.5, 1])], `${name}.relu1_out`);
    const y = this.convBn(`${name}.conv2`, h, cout, cout, 3, 1, [0.2, 0.5]);
    const shortcut = stride !== 1 || cin !== cout ? this.convBn(`${name}.downsample`, x, cin, cout, 1, stride, [0.5, 1]) : x;
    const sum = this.node('Add', [y, shortcut], `${name}.add_out`);
    return this.node('Relu', [sum], `${name}.relu2_out`);
  }

  fc(x: string, cin: number, cout: number): string {
    const w = new Float32Array(cout * cin);
    const std = Math.sqrt(1 / cin);
    for (let i = 0; i < w.length; i++) w[i] = this.normal.next() * std;
    this.tensor('fc.weight', [cout, cin], w);
    this.tensor('fc.bias', [cout], new Float32Array(cout));
    return this.node('Gemm', [x, 'fc.weight', 'fc.bias'], 'logits', { transB: 1 });
  }
}

function valueInfo(name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

/** Build the network in memory (deterministic for a given width and seed). */
export function buildResNet18(options: ResNet18Options): ResNet18Model {
  const { width, seed = 18, logits = true } = options;
  if (!Number.isInteger(width) || width < 1) throw new Error(`width must be a positive integer, got ${width}`);
  const g = new GraphBuilder(new Rng(seed));
  let x = g.convBn('conv1', 'input', 3, width, 7, 2, [0.5, 1]);
  x = g.node('Relu', [x], 'relu_out');
  x = g.node('MaxPool', [x], 'maxpool_out', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let cin = width;
  for (let stage = 1; stage <= 4; stage++) {
    const cout = width * 2 ** (stage - 1);
    x = g.basicBlock(`layer${stage}.0`, x, cin, cout, stage === 1 ? 1 : 2);
    x = g.basicBlock(`layer${stage}.1`, x, cout, cout, 1);
    cin = cout;
  }
  const layer4 = g.node('Identity', [x], 'layer4');
  const pooled = g.node('GlobalAveragePool', [layer4], 'avgpool_out');
  const features = g.node('Flatten', [pooled], 'features', { axis: 1 });
  const outputs = [valueInfo('features', ['N', cin]), valueInfo('layer4', ['N', cin, 7, 7])];
  if (logits) {
    g.fc(features, cin, 1000);
    outputs.push(valueInfo('logits', ['N', 1000]));
  }
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'dlrn-studio test generator',
    producerVersion: '1',
    docString: `ResNet-18 topology, width ${width}, seed ${seed}, random weights (BN folded). Not a trained model.`,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: `resnet18_w${width}_seed${seed}`,
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo('input', ['N', 3, 224, 224])],
      output: outputs,
    },
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), featureCount: cin };
}

/** Build and write the network; returns the file's feature count. */
export function writeResNet18Onnx(path: string, options: ResNet18Options): number {
  const m = buildResNet18(options);
  writeFileSync(path, m.bytes);
  return m.featureCount;
}
