import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcFailure } from '../../electron/contract/index.js';
import { DENIED_MESSAGE } from '../../electron/services/permissions/microphone-messages.js';

const tcc = vi.hoisted(() => ({ status: 'not-determined', userAllows: true, asked: 0 }));

vi.mock('electron', () => ({
  systemPreferences: {
    getMediaAccessStatus: () => tcc.status,
    askForMediaAccess: async () => {
      tcc.asked++;
      tcc.status = tcc.userAllows ? 'granted' : 'denied';
      return tcc.userAllows;
    },
  },
}));

const { ensureMicrophoneAccess, microphonePermission } = await import('../../electron/main/microphone-permission.js');

describe('microphone permission', () => {
  beforeEach(() => Object.assign(tcc, { status: 'not-determined', userAllows: true, asked: 0 }));

  it('macOS: asks once when undecided and the person allows', async () => {
    expect(await microphonePermission(true, 'darwin')).toEqual({ status: 'granted' });
    expect(tcc.asked).toBe(1);
  });

  it('macOS: reports "not yet asked" without prompting when prompt is false', async () => {
    const result = await microphonePermission(false, 'darwin');
    expect(result.status).toBe('not-determined');
    expect(tcc.asked).toBe(0);
  });

  it('macOS: a refusal becomes a clear message with where to fix it', async () => {
    tcc.userAllows = false;
    expect(await microphonePermission(true, 'darwin')).toEqual({
      status: 'denied',
      message: DENIED_MESSAGE,
      fix: 'Open System Settings > Privacy & Security > Microphone, turn on Interject, then restart Interject.',
    });
  });

  it('macOS: an earlier refusal is not asked again (the OS would not show the prompt)', async () => {
    tcc.status = 'denied';
    await microphonePermission(true, 'darwin');
    expect(tcc.asked).toBe(0);
  });

  it('macOS: restricted by a management profile says who can change it', async () => {
    tcc.status = 'restricted';
    expect((await microphonePermission(true, 'darwin')).fix).toMatch(/administrator/);
  });

  it("Windows: the privacy switch's denied state points to the Windows setting", async () => {
    tcc.status = 'denied';
    const result = await microphonePermission(true, 'win32');
    expect(result).toMatchObject({ status: 'denied', message: DENIED_MESSAGE, fix: expect.stringContaining('Let desktop apps access your microphone') });
    expect(tcc.asked).toBe(0);
  });

  it('Linux: no OS gate, so access is granted and capture errors tell the rest', async () => {
    tcc.status = 'denied';
    expect(await microphonePermission(true, 'linux')).toEqual({ status: 'granted' });
  });

  it('ensureMicrophoneAccess throws a typed "unavailable" with message and fix when refused', async () => {
    tcc.userAllows = false;
    const error = await ensureMicrophoneAccess('darwin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcFailure);
    expect((error as IpcFailure).error).toEqual({
      code: 'unavailable',
      message: expect.stringMatching(/^Interject is not allowed to use the microphone\. Open System Settings/),
    });
  });

  it('ensureMicrophoneAccess passes when allowed', async () => {
    await expect(ensureMicrophoneAccess('darwin')).resolves.toBeUndefined();
  });
});
