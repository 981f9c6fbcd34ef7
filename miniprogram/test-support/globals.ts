import ungapStructuredClone from '@ungap/structured-clone';
import { installPageShim } from './page-shim';

// Globals the mini-program has and jest's jsdom environment lacks (toolchain notes).

const scope = globalThis as unknown as Record<string, unknown>;

/** What `getApp()` returns in tests; a test may set `globalData` fields before rendering a page. */
export const testApp: { globalData: Record<string, unknown> } = { globalData: {} };

let installed = false;

export function installGlobals(): void {
  if (installed) return;
  installed = true;
  if (typeof scope.structuredClone !== 'function') scope.structuredClone = ungapStructuredClone;
  installPageShim(scope);
  if (typeof scope.getApp !== 'function') scope.getApp = () => testApp;
}
