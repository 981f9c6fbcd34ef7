// The one door from the mini-program to the plate rules of /core/plate (no copy by hand).
// WeChat DevTools compiles only files inside miniprogramRoot, so before the mini-program runs
// there, a sync step must replace this folder with a copy of core/plate (issue 5, to do);
// imports of 'core/plate' elsewhere in the mini-program stay as they are.
export * from '../../../core/plate';
