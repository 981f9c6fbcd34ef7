// Shared helpers for miniprogram-simulate tests of components and pages. Importing this module
// installs the globals the mini-program expects (structuredClone, Page, getApp). For example:
//
//   const kb = renderComponent('/components/plate-keyboard/index', { value: '粤B' });
//   const changes = listen<PlateKeyboardChangeDetail>(kb, 'change');
//   await tapText(kb, '.plate-keyboard__key', '1');
//   const page = renderPage('/pages/index/index', { scene: 'G1' }); // onLoad(query), onShow, onReady
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
  press,
  tap,
  tapText,
  textOf,
  touched,
  type AnyComponent,
} from './events';

installGlobals();
