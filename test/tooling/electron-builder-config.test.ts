/**
 * electron-builder cannot run to completion here (it downloads Electron), so this checks
 * what it would read: electron-builder.yml through the builder's own loader and JSON schema,
 * and every file and folder the config names.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** The parts of electron-builder's Configuration this test reads. */
interface Config {
  directories: { buildResources: string };
  files: { filter: string[] }[];
  asarUnpack: string[];
  mac: { icon: string; target: unknown; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, string> };
  win: { icon: string; target: unknown };
  linux: { icon: string; target: unknown };
}

interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
}
// app-builder-lib is electron-builder's engine; this is the module its CLI uses to load and validate.
const builder = require('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
const noDebug = { isEnabled: false, add: () => {} };

let config: Config;

beforeAll(async () => {
  config = await builder.getConfig(root, path.join(root, 'electron-builder.yml'), null);
});

/** Each top-level glob's fixed prefix ("node_modules/decibri/**" → "node_modules/decibri"). */
function fixedPrefix(glob: string): string {
  return glob
    .split('/')
    .filter((part, i, parts) => !/[*?{[]/.test(part) && parts.slice(0, i).every((p) => !/[*?{[]/.test(p)))
    .join('/');
}

function matchesSomething(glob: string): boolean {
  const parts = glob.split('/');
  const firstWild = parts.findIndex((p) => /[*?{[]/.test(p));
  if (firstWild === -1) return fs.existsSync(path.join(root, glob));
  const dir = path.join(root, ...parts.slice(0, firstWild));
  if (!fs.existsSync(dir)) return false;
  const pattern = new RegExp(
    `^${parts[firstWild]!.replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return fs.readdirSync(dir).some((name) => pattern.test(name));
}

function pngSize(file: string): [number, number] {
  const png = fs.readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own config loader and schema validation", async () => {
    await expect(builder.validateConfiguration(config, noDebug)).resolves.toBeUndefined();
  });

  describe('the validation has teeth', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interject-builder-'));
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('rejects a misspelt option', async () => {
      const broken = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').replace('hardenedRuntime:', 'hardenedRuntim:');
      fs.writeFileSync(path.join(dir, 'electron-builder.yml'), broken);
      const loaded = await builder.getConfig(dir, path.join(dir, 'electron-builder.yml'), null);
      await expect(builder.validateConfiguration(loaded, noDebug)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.mac/);
    });
  });

  it('names only icons, entitlements and folders that exist', () => {
    const named = [
      config.directories.buildResources,
      config.mac.icon,
      config.win.icon,
      config.linux.icon,
      config.mac.entitlements,
      config.mac.entitlementsInherit,
    ];
    for (const file of named) expect(fs.existsSync(path.join(root, file)), `${file} exists`).toBe(true);
  });

  it('packs source paths that exist, and the build output electron-vite writes', () => {
    const globs = config.files.flatMap((set) => set.filter).filter((g) => !g.startsWith('!'));
    const viteConfig = fs.readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    for (const glob of globs) {
      const prefix = fixedPrefix(glob);
      if (prefix === 'out') {
        // Built by `electron-vite build` (the first half of `npm run dist`), not committed.
        for (const part of ['out/main', 'out/preload', 'out/renderer']) expect(viteConfig).toContain(part);
        continue;
      }
      expect(matchesSomething(glob), `${glob} names something`).toBe(true);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main.startsWith('out/main/')).toBe(true);
  });

  it('unpacks every native module and the model files from the asar, and each one exists', () => {
    const unpack = config.asarUnpack;
    for (const name of ['onnxruntime-node', 'decibri', 'sherpa-onnx-node', 'node-llama-cpp']) {
      expect(unpack).toContain(`node_modules/${name}/**`);
    }
    expect(unpack).toContain('resources/**');
    expect(fs.existsSync(path.join(root, 'resources/models'))).toBe(true);
    for (const glob of unpack.filter((g) => g.startsWith('node_modules/') || g.startsWith('resources/'))) {
      expect(matchesSomething(fixedPrefix(glob) === glob ? glob : glob.replace(/\/\*\*$/, '')), `${glob} names something`).toBe(true);
    }
  });

  it('builds a dmg for arm64 and x64 with the hardened runtime and the microphone entitlement', () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    const plist = fs.readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/interrupt/);
  });

  it('builds an AppImage and a deb for Linux and an nsis installer for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('uses an app icon large enough for every OS (at least 512 px, square)', () => {
    const [width, height] = pngSize(path.join(root, config.mac.icon));
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });

  it('is what `npm run dist` builds with', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });
});
