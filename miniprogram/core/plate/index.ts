// The one door from the mini-program to the plate rules of /core/plate (no copy by hand).
// WeChat DevTools compiles only files inside miniprogramRoot, so before the mini-program runs
// there, `npm run build:miniprogram` bundles it into the upload package;
// imports of 'core/plate' elsewhere in the mini-program stay as they are.
export * from '../../../core/plate';
