import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

const alias = {
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
  '@shared': resolve(import.meta.dirname, 'src/shared'),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.spec.ts', 'test/golden/**/*.spec.ts', 'test/integration/**/*.spec.ts'],
          exclude: ['test/unit/renderer/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'web',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.spec.ts'],
        },
      },
    ],
  },
});
