import { onBeforeUnmount, watchEffect, type Ref } from 'vue';

/** Applies the theme setting to <html data-theme>, following the OS when it is "system". */
export function useTheme(theme: Ref<'system' | 'light' | 'dark'>): void {
  const query = window.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    const dark = theme.value === 'dark' || (theme.value === 'system' && !!query?.matches);
    document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
  };
  watchEffect(apply);
  query?.addEventListener?.('change', apply);
  onBeforeUnmount(() => query?.removeEventListener?.('change', apply));
}
