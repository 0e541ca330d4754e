/**
 * A submitted form or query string as the planning pages read it: text
 * fields trimmed, and lists for the names a form repeats (the audience
 * checkboxes). The page, not a validation pipe, decides what is wrong, so
 * that a mistake is shown next to its field instead of answered with JSON.
 */
export class FormInput {
  private constructor(private readonly values: Record<string, unknown>) {}

  /** A parsed urlencoded body or query string: a name given twice arrives as an array. */
  static of(source: unknown): FormInput {
    return new FormInput(
      source && typeof source === 'object' ? (source as Record<string, unknown>) : {},
    );
  }

  /** The first value of the field, trimmed; '' when it is missing. */
  text(name: string): string {
    const value = this.values[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first.trim() : '';
  }

  /** Every non-empty value of the field, once each, in the order given. */
  list(name: string): string[] {
    const value = this.values[name];
    const all = Array.isArray(value) ? value : [value];
    const texts = all.filter((item): item is string => typeof item === 'string');
    return [...new Set(texts.map((item) => item.trim()).filter(Boolean))];
  }

  /** Whether a checkbox of this name was ticked (sent at all). */
  checked(name: string): boolean {
    return this.values[name] !== undefined;
  }
}
