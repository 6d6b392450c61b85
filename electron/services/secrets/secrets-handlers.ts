import type { SecretsStatus } from '../../contract/index.js';
import type { HandlerRegistry } from '../handler-registry.js';
import type { SecretStore } from './secret-store.js';

/** The renderer learns which providers have a key and how keys are kept; never a key. */
export function secretsStatus(store: SecretStore): SecretsStatus {
  return { providers: store.providers().map((provider) => ({ provider, set: true as const })), storage: store.storage() };
}

export function registerSecretsHandlers(registry: HandlerRegistry, store: SecretStore): void {
  registry.registerAll({
    'secrets:set': ({ provider, key }) => {
      store.set(provider, key);
      return secretsStatus(store);
    },
    'secrets:clear': ({ provider }) => {
      store.clear(provider);
      return secretsStatus(store);
    },
    'secrets:status': () => secretsStatus(store),
  });
}
