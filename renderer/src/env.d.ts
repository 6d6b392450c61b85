/// <reference types="vite/client" />
import type { InterjectApi } from '../../electron/contract/index';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Present in Electron (preload); absent in the browser twin. */
    interject?: InterjectApi;
  }
}
