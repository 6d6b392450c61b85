import { z } from 'zod';
import { acceleratorProblem } from './accelerator.js';

const accelerator = z.string().superRefine((value, ctx) => {
  const problem = acceleratorProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** An optional hotkey: the empty string means "none". */
const optionalAccelerator = z.string().superRefine((value, ctx) => {
  if (value === '') return;
  const problem = acceleratorProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const HotkeySettingsSchema = z.object({
  /**
   * Ctrl/Cmd+Shift+Space: reachable with one hand, not bound by default in the major OSes,
   * browsers or editors, and hard to hit by accident while typing.
   */
  interrupt: accelerator.default('CommandOrControl+Shift+Space'),
  mute: optionalAccelerator.default(''),
  pushToTalk: optionalAccelerator.default(''),
});
