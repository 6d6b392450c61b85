/**
 * Runs a hotkey or tray action and turns any failure into the contract's `shell:actionFailed`
 * event, so the window can show the same message the button would (the hotkey has no UI of
 * its own). Never throws: a global shortcut callback must not crash main.
 */
import type { ShellAction, ShellActionFailed } from '../contract/index.js';
import type { Logger } from '../engine/logger.js';

export type ActionFailureSink = (failure: ShellActionFailed) => void;

export function runShellAction(
  source: ShellActionFailed['source'],
  action: ShellAction,
  run: () => Promise<void> | void,
  report: ActionFailureSink,
  logger: Logger,
): Promise<void> {
  const failed = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    logger.info('Shell action failed', { source, action, message });
    report({ source, action, message, atMs: Date.now() });
  };
  try {
    return Promise.resolve(run()).catch(failed);
  } catch (error) {
    failed(error);
    return Promise.resolve();
  }
}
