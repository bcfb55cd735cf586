import type { RendererApi } from '../shared/ipc/buildApi';

declare global {
  interface Window {
    api: RendererApi;
  }
}

export {};
