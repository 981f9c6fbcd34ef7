// The one door from the mini-program to the money rules of /core/money (integer fen, no floats).
// Like core/plate: before the mini-program runs in WeChat DevTools, a sync step must replace this
// folder with a copy of core/money (DevTools compiles only files inside miniprogramRoot).
export * from '../../../core/money';
