import type { HandlerRegistry } from '../handler-registry.js';
import type { SettingsStore } from './settings-store.js';
import type { SettingsPatch, SettingsSection } from '../../contract/index.js';

export function registerSettingsHandlers(registry: HandlerRegistry, store: SettingsStore): void {
  registry.registerAll({
    'settings:get': () => ({ settings: store.get(), notices: store.notices(), filePath: store.filePath }),
    'settings:update': (patch) => store.update(patch as SettingsPatch),
    'settings:reset': ({ section }) => store.reset(section as SettingsSection | undefined),
    'settings:import': ({ json }) => store.importJson(json),
    'settings:export': () => ({ json: store.exportJson() }),
    'settings:dismissNotice': ({ atMs }) => {
      store.dismissNotice(atMs);
      return null;
    },
  });
}
