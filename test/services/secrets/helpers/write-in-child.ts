// Child process for the secrets-file tests: lists keys, then tries to save a key and a setting in argv[2]
// (run as another user when the test runs as root, since root writes anywhere) and prints
// the typed errors it got.
import { IpcFailure } from '../../../../electron/contract/index';
import { PlainFileSecretStore } from '../../../../electron/services/secrets/plain-file-secret-store';
import { SettingsStore } from '../../../../electron/services/settings/settings-store';

const dir = process.argv[2]!;
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return { code: 'ok', message: '' };
  } catch (error) {
    return error instanceof IpcFailure ? { code: error.error.code, message: error.message } : { code: 'thrown', message: String(error) };
  }
};
const store = new PlainFileSecretStore(`${dir}/secrets.json`);
const providers = store.providers();
const secrets = codeOf(() => store.set('openai', 'sk-test-abcdef123456'));
const settings = codeOf(() => new SettingsStore({ dir }).update({ vad: { speechThreshold: 0.7 } }));
process.stdout.write(JSON.stringify({ providers, secrets, settings }) + '\n');
