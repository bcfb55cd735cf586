// Lint rules that enforce the process boundaries (docs/ARCHITECTURE.md): the engine and every
// module the loopback bridge hosts must run in plain Node, so they may never import Electron.
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

const electronBan = {
  name: 'electron',
  message: 'This layer must run in plain Node (CLI, workers, tests, bridge): never import electron here.',
};
const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

export default [
  { ignores: ['out/**', 'node_modules/**', 'artifacts/**', 'test-results/**', '**/*.json'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [electronBan],
        [
          { group: ['**/app/**', '**/ipc/**', '**/services/**', '**/storage/**', '**/workers/**', '**/cli/**'], message: 'engine is pure compute: no app, IPC, services, storage or workers' },
          { group: ['**/renderer/**', 'vue', 'pinia', '@kitware/*'], message: 'engine must not import renderer code' },
        ],
      ),
    },
  },
  {
    files: [
      'src/main/ipc/handlers/**/*.ts',
      'src/main/ipc/context.ts',
      'src/main/ipc/dispatch.ts',
      'src/main/services/**/*.ts',
      'src/main/storage/**/*.ts',
      'src/main/workers/**/*.ts',
      'src/cli/**/*.ts',
      'test/e2e/bridge/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': restrict([electronBan], [{ group: ['**/main/app/**', '../app/**', '../../app/**', '**/renderer/**'], message: 'no Electron-only or renderer code here' }]),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [electronBan, { name: 'vue', message: 'shared is pure TS' }],
        [{ group: ['node:*', '**/main/**', '**/renderer/**', '@kitware/*'], message: 'shared is pure TS: no Node, main or renderer imports' }],
      ),
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': restrict([electronBan], [{ group: ['node:*', '**/main/**'], message: 'the renderer reaches the main process only through window.api' }]),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([], [{ group: ['node:*', '**/main/**', '**/renderer/**', 'zod'], message: 'the sandboxed preload forwards calls only' }]),
    },
  },
];
