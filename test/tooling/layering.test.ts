/** The lint rule that keeps the engine plain Node: proven on the real ESLint config. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('fails an engine file that imports electron', async () => {
    const errors = await restrictedImportErrors("import { app } from 'electron';\nexport const x = app;\n", 'electron/engine/audio/bad.ts');
    expect(errors[0]).toMatch(/must not import electron/);
  });

  it('fails an engine file that imports the Electron adapters', async () => {
    const errors = await restrictedImportErrors(
      "import { registerIpc } from '../../main/ipc-host';\nexport const x = registerIpc;\n",
      'electron/engine/audio/bad.ts',
    );
    expect(errors).toHaveLength(1);
  });

  it('fails an engine file that imports the renderer', async () => {
    const errors = await restrictedImportErrors("import x from '../../../renderer/src/App.vue';\nexport default x;\n", 'electron/engine/audio/bad.ts');
    expect(errors).toEqual([expect.stringContaining('The engine must not import the renderer.')]);
  });

  it('fails a renderer file that imports electron/main', async () => {
    const errors = await restrictedImportErrors(
      "import { registerIpc } from '../../electron/main/ipc-host';\nexport const x = registerIpc;\n",
      'renderer/src/bad.ts',
    );
    expect(errors).toHaveLength(1);
  });

  it('lets the renderer import the contract', async () => {
    const errors = await restrictedImportErrors(
      "import { defaultSettings } from '../../electron/contract/index';\nexport const x = defaultSettings;\n",
      'renderer/src/ok.ts',
    );
    expect(errors).toEqual([]);
  });

  it('lets main import electron', async () => {
    const errors = await restrictedImportErrors("import { app } from 'electron';\nexport const x = app;\n", 'electron/main/ok.ts');
    expect(errors).toEqual([]);
  });

  it('fails a relative import in electron/ without its .js extension', async () => {
    const [result] = await eslint.lintText("import { frameDurationMs } from './frame';\nexport const x = frameDurationMs;\n", {
      filePath: 'electron/engine/audio/bad.ts',
    });
    expect(result!.messages.map((m) => m.message)).toContain('Relative imports in electron/ end in .js (the file as Node runs it), e.g. "./frame.js".');
  });
});
