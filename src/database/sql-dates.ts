/**
 * Raw statements through MikroORM's connection return timestamptz columns as
 * text (its driver leaves parsing dates to the entity mapping); rows read
 * without entities turn them into dates here.
 */
export function sqlDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function sqlDateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : sqlDate(value);
}
