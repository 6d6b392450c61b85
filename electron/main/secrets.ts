/**
 * Main's key store: Electron's safeStorage (macOS Keychain, Windows DPAPI, Linux Secret
 * Service / KWallet) behind the shared encrypted store. Only main ever decrypts a key.
 */
import path from 'node:path';
import { safeStorage } from 'electron';
import type { Logger } from '../engine/logger.js';
import { EncryptedSecretStore } from '../services/secrets/encrypted-secret-store.js';

export function createSafeStorageSecretStore(userDataDir: string, logger: Logger): EncryptedSecretStore {
  return new EncryptedSecretStore({
    filePath: path.join(userDataDir, 'secrets.enc.json'),
    encryptor: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (data) => safeStorage.decryptString(data),
      // Linux only; elsewhere the OS always has a real backend.
      getSelectedStorageBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    },
    logger,
  });
}
