/**
 * The IANA name of a time zone in its canonical spelling (`europe/tirane` →
 * `Europe/Tirane`), or null when the runtime does not know the zone. Offsets
 * such as `+01:00` are refused: they ignore daylight-saving time.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
