/** Something the demo needed did not happen; its message says what, for the person who ran it. */
export class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

/** The reason a request never got an answer (ECONNREFUSED, a timeout), for a message. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
