/** A state's colour, as TDesign's t-tag names it (its `theme`): views hand it over unchanged. */
export type TagTheme = 'success' | 'warning' | 'default' | 'primary';
