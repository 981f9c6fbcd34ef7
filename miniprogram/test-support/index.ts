// Shared helpers for miniprogram-simulate tests of components and pages. Importing this module
// installs the globals the mini-program expects (structuredClone, Page, getApp).
import { installGlobals } from './globals';

export type { ComponentEvent } from './j-component-augment';
export { installGlobals, testApp } from './globals';
export { pageAsComponent, installPageShim, type PageOptions } from './page-shim';
export {
  MINIPROGRAM_ROOT,
  loadComponent,
  miniprogramPath,
  renderComponent,
  renderPage,
} from './render';
export {
  all,
  classesOf,
  flush,
  hasClass,
  listen,
  one,
  tap,
  tapText,
  textOf,
  type AnyComponent,
} from './events';

installGlobals();
