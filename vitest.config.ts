import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { engineFileUrls } from './test/renderer/helpers/engine-url-plugin';

// Room for a machine twice as slow and loaded as this one (2 shared cores): real servers, real
// sockets and real files run here, so a test's time scales with the machine. Under a CPU hog the
// slowest main-project test took 3.9 s of the 5 s vitest default. expect.poll's default of 1 s is
// raised the same way; a poll that passes returns at once, so passing runs are no slower.
const slowMachine = { testTimeout: 30_000, hookTimeout: 60_000, expect: { poll: { timeout: 10_000 } } };

// Tests that measure a server's RSS (issue 13's leaks) run alone, after the others: under the
// suite's parallel load the allocator's arenas for five concurrent clients read +26..40 MB ten
// seconds after they left (three CI runs), against -18..-2 MB alone; the leaks they guard were +93..195 MB.
const MEMORY_TESTS = [
  'test/engine/tts/local-server-backpressure.test.ts',
  'test/engine/tts/local-server-flite-memory.test.ts',
  'test/web/twin-backpressure.test.ts',
];

// One project per layer. e2e needs the built renderer (npm run test:e2e builds it first).
export default defineConfig({
  test: {
    projects: [
      { test: { ...slowMachine, name: 'engine', environment: 'node', include: ['test/engine/**/*.test.ts'], exclude: MEMORY_TESTS } },
      {
        test: {
          ...slowMachine,
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/services/**/*.test.ts', 'test/web/**/*.test.ts'],
          exclude: MEMORY_TESTS,
        },
      },
      {
        test: { ...slowMachine, name: 'memory', environment: 'node', include: MEMORY_TESTS, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
      { test: { ...slowMachine, name: 'tooling', environment: 'node', include: ['test/tooling/**/*.test.ts'], testTimeout: 120_000 } },
      {
        plugins: [vue(), engineFileUrls()],
        test: { ...slowMachine, name: 'renderer', environment: 'happy-dom', include: ['test/renderer/**/*.test.ts'] },
      },
      {
        test: {
          ...slowMachine,
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
