import type { HandlerRegistry } from '../handler-registry.js';
import type { ShellQueries } from './shell-queries.js';

export function registerShellHandlers(registry: HandlerRegistry, shell: ShellQueries): void {
  registry.registerAll({
    'shell:hotkeyStatus': () => shell.hotkeyStatus(),
    'shell:openLogsFolder': () => shell.openLogsFolder(),
    'shell:choosePath': ({ kind, title }) => shell.choosePath(kind, title),
    'shell:microphonePermission': ({ prompt }) => shell.microphonePermission(prompt),
  });
}
