import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { engineFileUrls } from './test/renderer/helpers/engine-url-plugin';

// One project per layer. e2e needs the built renderer (npm run test:e2e builds it first).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'engine', environment: 'node', include: ['test/engine/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'main', environment: 'node', include: ['test/main/**/*.test.ts', 'test/services/**/*.test.ts', 'test/web/**/*.test.ts'] } },
      { test: { name: 'tooling', environment: 'node', include: ['test/tooling/**/*.test.ts'], testTimeout: 120_000 } },
      {
        plugins: [vue(), engineFileUrls()],
        test: { name: 'renderer', environment: 'happy-dom', include: ['test/renderer/**/*.test.ts'] },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
