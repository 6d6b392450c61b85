import { describe, expect, it } from 'vitest';
import { defaultSettings, validateSettings } from '../../../electron/contract/index.js';

describe('app settings section', () => {
  it('closes to the tray by default, so the global hotkey keeps working', () => {
    expect(defaultSettings().app).toEqual({ closeToTray: true });
  });

  it('rejects a non-boolean closeToTray with a field issue', () => {
    const result = validateSettings({ app: { closeToTray: 'yes' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe('app.closeToTray');
  });
});
