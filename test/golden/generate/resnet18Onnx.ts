/**
 * Writes the deterministic random-init ResNet-18 test network (src/main/engine/deepFeatures/testNetwork.ts).
 *   node --import tsx test/golden/generate/resnet18Onnx.ts OUT.onnx [--width 64] [--seed 18] [--no-logits]
 */
import { writeResNet18Onnx } from '../../../src/main/engine/deepFeatures/testNetwork';

export { buildResNet18, writeResNet18Onnx } from '../../../src/main/engine/deepFeatures/testNetwork';

const args = process.argv.slice(2);
if (process.argv[1]?.endsWith('resnet18Onnx.ts')) {
  const valued = new Set(['--width', '--seed']);
  const out = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
  const value = (key: string, dflt: number): number => {
    const i = args.indexOf(key);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  if (!out) {
    console.error('usage: node --import tsx test/golden/generate/resnet18Onnx.ts OUT.onnx [--width 64] [--seed 18] [--no-logits]');
    process.exit(2);
  }
  const width = value('--width', 64);
  const n = writeResNet18Onnx(out, { width, seed: value('--seed', 18), logits: !args.includes('--no-logits') });
  console.log(`wrote ${out}: ResNet-18 topology, width ${width}, ${n} features`);
}
