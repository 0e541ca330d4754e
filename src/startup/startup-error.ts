/**
 * A reason the process cannot start that a person can fix. main.ts prints its
 * message as one line and exits non-zero, without a stack trace.
 */
export class StartupError extends Error {}
