import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('process boundaries are enforced by lint', () => {
  it('fails when a file under the engine imports electron', async () => {
    const found = await messages("import { app } from 'electron';\nexport const x = app;\n", 'src/main/engine/radiomics/leak.ts');
    expect(found).toEqual([expect.stringContaining('never import electron here')]);
  });

  it('fails when the engine reaches into storage or the renderer', async () => {
    const found = await messages("import { openProject } from '../../storage/project';\nexport const f = openProject;\n", 'src/main/engine/stats/leak.ts');
    expect(found[0]).toContain('engine is pure compute');
  });

  it('fails when a bridge-hosted handler imports electron', async () => {
    const found = await messages("import { dialog } from 'electron';\nexport const d = dialog;\n", 'src/main/ipc/handlers/leak.ts');
    expect(found[0]).toContain('never import electron here');
  });

  it('allows the Electron-only layer to import electron', async () => {
    expect(await messages("import { app } from 'electron';\nexport const a = app;\n", 'src/main/app/ok.ts')).toEqual([]);
  });
});
