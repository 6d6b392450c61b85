import type { HandlerRegistry } from '../handler-registry.js';
import type { DesktopShell } from '../shell/desktop-shell.js';

export function registerShellHandlers(registry: HandlerRegistry, shell: DesktopShell): void {
  registry.registerAll({
    'shell:hotkeyStatus': () => shell.hotkeyStatus(),
    'shell:openLogsFolder': () => shell.openLogsFolder(),
    'shell:microphonePermission': ({ prompt }) => shell.microphonePermission(prompt),
  });
}
