/**
 * What each global hotkey does to the agent: interrupt and mute call the same API as the
 * window's buttons (failures become `shell:actionFailed`); push-to-talk turns OS key repeats
 * into held / released.
 */
import type { HotkeyAction } from '../contract/index.js';
import { systemClock, type Clock } from '../engine/clock.js';
import { nullLogger, type Logger } from '../engine/logger.js';
import type { AgentControl } from './agent-control.js';
import { PushToTalkHold } from './push-to-talk-hold.js';
import { runShellAction, type ActionFailureSink } from './shell-actions.js';

export interface HotkeyActionsOptions {
  control: () => AgentControl;
  report: ActionFailureSink;
  logger?: Logger;
  clock?: Clock;
}

export interface HotkeyActionHandler {
  onActivate(action: HotkeyAction): void;
  /** Ends a push-to-talk hold (the hotkey was removed, or the app quits). */
  releasePushToTalk(): void;
}

export function createHotkeyActions(options: HotkeyActionsOptions): HotkeyActionHandler {
  const logger = options.logger ?? nullLogger;
  const hold = new PushToTalkHold({
    clock: options.clock ?? systemClock,
    onChange: (held) => void runShellAction('hotkey', 'pushToTalk', () => options.control().setPushToTalk(held), options.report, logger),
  });
  return {
    onActivate(action) {
      switch (action) {
        case 'interrupt':
          void runShellAction('hotkey', 'interrupt', () => options.control().interrupt('hotkey'), options.report, logger);
          return;
        case 'mute':
          void runShellAction('hotkey', 'mute', () => options.control().toggleMute(), options.report, logger);
          return;
        case 'pushToTalk':
          hold.press();
          return;
      }
    },
    releasePushToTalk: () => hold.release(),
  };
}
