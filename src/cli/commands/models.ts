import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, opt, parseArgs, type Command } from '../command';
import { asCliError } from './deep';
import { InferenceClient } from '../../main/services/inferenceClient';
import { ModelStore } from '../../main/services/modelStore';
import { modelLoadSpec } from '../../main/services/deepFeatureService';
import type { ModelManifest } from '../../main/engine/deepFeatures/manifest';

/** Load the file in the inference host: checks it is ONNX, its input shape and its feature tensors. */
async function validateInHost(path: string, manifest: ModelManifest, sha256: string): Promise<void> {
  const client = await InferenceClient.start();
  try {
    await client.load(modelLoadSpec(manifest, path, sha256));
  } finally {
    await client.close();
  }
}

export const modelsList: Command = {
  name: 'models list',
  summary: 'list the deep-feature models: manifest, licence, whether installed (and its sha256)',
  usage: 'dlrn models list [--models-dir DIR] [--json]',
  async run(args) {
    const p = parseArgs(args, ['--models-dir'], ['--json']);
    if (p.positional.length) throw new CliError('usage: ' + this.usage, 2);
    const store = new ModelStore(opt(p, '--models-dir'));
    try {
      const rows = store.manifests().map((m) => {
        const reg = store.registration(m.id);
        return {
          id: m.id,
          title: m.title,
          installed: !!reg && existsSync(store.modelPath(m)),
          path: store.modelPath(m),
          sha256: reg?.sha256 ?? m.sha256,
          publishedSha256: m.sha256,
          download: m.source.url,
          licence: m.licence,
        };
      });
      if (p.flags.has('--json')) {
        console.log(JSON.stringify({ modelsDir: store.dir, models: rows }, null, 2));
        return 0;
      }
      console.log(`model folder: ${store.dir}`);
      for (const r of rows) {
        console.log(`\n${r.id}${r.installed ? '  [installed]' : '  [not installed]'}\n  ${r.title}`);
        if (r.installed) console.log(`  file    ${r.path}\n  sha256  ${r.sha256}`);
        else console.log(r.download ? `  get it: dlrn models fetch ${r.id}   (${r.download})` : `  get it: export it, then dlrn models add ${r.id} FILE (see native-models/README.md)`);
        console.log(`  licence ${r.licence}`);
      }
      return 0;
    } catch (err) {
      return asCliError(err);
    }
  },
};

export const modelsAdd: Command = {
  name: 'models add',
  summary: 'register a model file (copied into the model folder; its sha256 is recorded and verified on every use)',
  usage: 'dlrn models add ID FILE [--models-dir DIR] [--no-validate]',
  async run(args) {
    const p = parseArgs(args, ['--models-dir'], ['--no-validate']);
    if (p.positional.length !== 2) throw new CliError('usage: ' + this.usage, 2);
    const [id, file] = p.positional;
    const store = new ModelStore(opt(p, '--models-dir'));
    try {
      const reg = await store.add(id, resolve(file), p.flags.has('--no-validate') ? undefined : validateInHost);
      console.log(`registered ${reg.id}: ${store.modelPath(store.manifest(id))}\nsha256 ${reg.sha256} (${reg.sizeBytes} bytes)`);
      return 0;
    } catch (err) {
      return asCliError(err);
    }
  },
};

export const modelsFetch: Command = {
  name: 'models fetch',
  summary: "download a model with a published address, verify its checksum and register it (needs internet)",
  usage: 'dlrn models fetch ID [--url URL] [--models-dir DIR]',
  async run(args) {
    const p = parseArgs(args, ['--url', '--models-dir']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const store = new ModelStore(opt(p, '--models-dir'));
    try {
      const reg = await store.fetch(p.positional[0], { url: opt(p, '--url') });
      console.log(`downloaded and verified ${reg.id}: ${store.modelPath(store.manifest(reg.id))}\nsha256 ${reg.sha256} (${reg.sizeBytes} bytes)`);
      return 0;
    } catch (err) {
      return asCliError(err);
    }
  },
};
