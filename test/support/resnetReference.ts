/**
 * An independent forward pass of the generated ResNet-18 test network, written plainly in TypeScript
 * (float64 accumulation), to check ONNX Runtime's output. It reads the weights from the ONNX file's
 * initializers (decoded with onnx-proto, by torchvision-style names) and rebuilds the topology from the
 * architecture itself (He et al. 2016 / torchvision `resnet18`), not from the ONNX graph.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface Tensor {
  dims: number[];
  data: Float32Array;
}

/** The float initializers of an ONNX model, by name. */
export function onnxInitializers(bytes: Uint8Array): Map<string, Tensor> {
  const model = onnx.ModelProto.decode(bytes);
  const out = new Map<string, Tensor>();
  for (const t of model.graph?.initializer ?? []) {
    const raw = t.rawData!;
    const copy = new Uint8Array(raw.length);
    copy.set(raw);
    out.set(t.name!, { dims: (t.dims ?? []).map(Number), data: new Float32Array(copy.buffer) });
  }
  return out;
}

/** A feature map: channels × height × width, row-major. */
interface Map3 {
  c: number;
  h: number;
  w: number;
  v: Float64Array;
}

function conv2d(x: Map3, weight: Tensor, bias: Tensor, stride: number): Map3 {
  const [cout, cin, k] = weight.dims;
  if (cin !== x.c) throw new Error(`conv expects ${cin} input channels, got ${x.c}`);
  const pad = (k - 1) / 2;
  const h = Math.floor((x.h + 2 * pad - k) / stride) + 1;
  const w = Math.floor((x.w + 2 * pad - k) / stride) + 1;
  const v = new Float64Array(cout * h * w);
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let s = bias.data[o];
        for (let c = 0; c < cin; c++) {
          for (let a = 0; a < k; a++) {
            const y = i * stride - pad + a;
            if (y < 0 || y >= x.h) continue;
            for (let b = 0; b < k; b++) {
              const xx = j * stride - pad + b;
              if (xx < 0 || xx >= x.w) continue;
              s += weight.data[((o * cin + c) * k + a) * k + b] * x.v[(c * x.h + y) * x.w + xx];
            }
          }
        }
        v[(o * h + i) * w + j] = s;
      }
    }
  }
  return { c: cout, h, w, v };
}

function relu(x: Map3): Map3 {
  return { ...x, v: x.v.map((t) => (t > 0 ? t : 0)) };
}

function add(x: Map3, y: Map3): Map3 {
  return { ...x, v: x.v.map((t, i) => t + y.v[i]) };
}

/** Max pooling 3×3, stride 2, padding 1 (padding never wins). */
function maxpool(x: Map3): Map3 {
  const h = Math.floor((x.h + 2 - 3) / 2) + 1;
  const w = Math.floor((x.w + 2 - 3) / 2) + 1;
  const v = new Float64Array(x.c * h * w);
  for (let c = 0; c < x.c; c++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let m = -Infinity;
        for (let a = 0; a < 3; a++) {
          for (let b = 0; b < 3; b++) {
            const y = 2 * i - 1 + a;
            const xx = 2 * j - 1 + b;
            if (y >= 0 && y < x.h && xx >= 0 && xx < x.w) m = Math.max(m, x.v[(c * x.h + y) * x.w + xx]);
          }
        }
        v[(c * h + i) * w + j] = m;
      }
    }
  }
  return { c: x.c, h, w, v };
}

function globalAveragePool(x: Map3): Float64Array {
  const out = new Float64Array(x.c);
  const n = x.h * x.w;
  for (let c = 0; c < x.c; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x.v[c * n + i];
    out[c] = s / n;
  }
  return out;
}

/**
 * Forward pass of one image (3 × 224 × 224, CHW) through the network whose weights are `W`.
 * Returns the pooled features and the layer4 activations.
 */
export function resnet18Forward(W: Map<string, Tensor>, image: Float32Array, size = 224): { features: Float64Array; layer4: Float64Array } {
  const get = (name: string): Tensor => {
    const t = W.get(name);
    if (!t) throw new Error(`missing weight ${name}`);
    return t;
  };
  const conv = (x: Map3, name: string, stride: number): Map3 => conv2d(x, get(`${name}.weight`), get(`${name}.bias`), stride);
  let x: Map3 = { c: 3, h: size, w: size, v: Float64Array.from(image) };
  x = maxpool(relu(conv(x, 'conv1', 2)));
  for (let stage = 1; stage <= 4; stage++) {
    for (let block = 0; block < 2; block++) {
      const name = `layer${stage}.${block}`;
      const stride = stage > 1 && block === 0 ? 2 : 1;
      const h = relu(conv(x, `${name}.conv1`, stride));
      const y = conv(h, `${name}.conv2`, 1);
      const shortcut = W.has(`${name}.downsample.weight`) ? conv(x, `${name}.downsample`, stride) : x;
      x = relu(add(y, shortcut));
    }
  }
  return { features: globalAveragePool(x), layer4: x.v };
}
