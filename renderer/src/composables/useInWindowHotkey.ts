import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { acceleratorMatches } from '../conversation/accelerator-match';

/**
 * The interrupt hotkey also works inside the window. In Electron the global shortcut usually
 * wins first (a second interrupt is a harmless no-op); in the browser twin, where a page cannot
 * own global shortcuts, this is the only hotkey there is.
 */
export function useInWindowHotkey(accelerator: Ref<string>, action: () => void): void {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.repeat || !accelerator.value) return;
    // While a hotkey is being recorded in Settings, the keys belong to the recorder.
    if ((event.target as HTMLElement | null)?.closest?.('[data-recording="true"]')) return;
    if (acceleratorMatches(accelerator.value, event)) {
      event.preventDefault();
      action();
    }
  };
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
