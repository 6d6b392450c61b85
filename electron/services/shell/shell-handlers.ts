import type { HandlerRegistry } from '../handler-registry.js';
import type { ShellQueries } from './shell-queries.js';

export function registerShellHandlers(registry: HandlerRegistry, shell: ShellQueries): void {
  registry.registerAll({
    'shell:hotkeyStatus': () => shell.hotkeyStatus(),
    'shell:openLogsFolder': () => shell.openLogsFolder(),
    'shell:microphonePermission': ({ prompt }) => shell.microphonePermission(prompt),
  });
}
