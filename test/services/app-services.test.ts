import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { makeTempDir } from '../helpers/temp-dir';

let services: AppServices;
let cleanup: () => void;
beforeEach(() => {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  services = createAppServices({ dataDir: tmp.dir });
});
afterEach(async () => {
  await services.dispose();
  cleanup();
});

describe('app services', () => {
  it('has a handler for every invoke channel of the contract', () => {
    expect(services.registry.missing()).toEqual([]);
  });

  it('broadcasts a saved settings change as a contract event', async () => {
    const events: string[] = [];
    services.events.subscribe((event) => events.push(event));
    const result = await services.registry.handle('settings:update', { appearance: { theme: 'dark' } });
    expect(result.ok).toBe(true);
    expect(events).toEqual(['settings:changed']);
  });
});
