/** Exit statuses of the `allinpay` command (issue 2, Deliver 4). */
export const EXIT_OK = 0;
/** Invalid (signature, plate) or refused (platform, transaction, outcome unknown). */
export const EXIT_INVALID = 1;
/** The command line or its input was wrong; the message says what to do. */
export const EXIT_USAGE = 2;
