/**
 * Plain .mjs scripts the engine starts by file URL (worker threads, child processes). The
 * bundler cannot see `new URL('./x.mjs', import.meta.url)` in the main build, so the build
 * copies them next to out/main/index.js, where the bundled code looks for them.
 * test/tooling/engine-scripts.test.ts keeps this list complete.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

export const ENGINE_SCRIPTS = [
  'electron/engine/tts/local-server/flite-worker.mjs',
  'electron/engine/tts/local-server/mini-wasi.mjs',
  'electron/engine/tts/local-server/resample.mjs',
  'electron/engine/stt/sherpa-host.mjs',
  'electron/engine/tts/local-server/sherpa-tts-host.mjs',
] as const;

export function copyEngineScripts(root: string): Plugin {
  return {
    name: 'interject:copy-engine-scripts',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir ?? resolve(root, 'out/main');
      mkdirSync(dir, { recursive: true });
      for (const script of ENGINE_SCRIPTS) copyFileSync(resolve(root, script), join(dir, basename(script)));
    },
  };
}
