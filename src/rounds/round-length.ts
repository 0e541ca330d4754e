/** A county visit is one to three days in practice; a week leaves room without admitting typos. */
export const MAX_ROUND_DAYS = 7;
