// What operator pages show, one module per page in operator-views/ (pure: no wx, no calls).
// This index keeps the pages' imports working while the pages move; import the page's own module.
export * from './operator-views/common';
export * from './operator-views/dates';
export * from './operator-views/dashboard';
export * from './operator-views/sessions';
export * from './operator-views/session';
export * from './operator-views/lot';
export * from './operator-views/revenue';
export * from './operator-views/reconciliation';
export * from './operator-views/audit';
export * from './operator-views/operators';
