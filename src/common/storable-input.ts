import { FieldError } from './error-body';

/** Deeper than any request DTO goes; the transformer and validator recurse, and a deep enough body overflows their stack. */
export const MAX_INPUT_DEPTH = 16;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored as it was sent, or null: PostgreSQL refuses a
 * NUL in a text column, and a lone surrogate has no UTF-8 form (it would be
 * saved as U+FFFD, silently changed).
 */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it has a lone surrogate)';
  return null;
}

/**
 * The first field of a parsed body or query that nests deeper than
 * MAX_INPUT_DEPTH or holds text that cannot be stored, named as the
 * validation errors name fields (`audience.contactIds[2]`); null when all is well.
 * Walks with its own stack, so no input can overflow it.
 */
export function findUnstorableField(input: unknown, root: string): FieldError | null {
  const pending: Array<{ value: unknown; field: string; depth: number }> = [
    { value: input, field: root, depth: 0 },
  ];
  while (pending.length) {
    const { value, field, depth } = pending.pop() as (typeof pending)[number];
    if (typeof value === 'string') {
      const reason = unstorableTextReason(value);
      if (reason) return { field, reason };
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      if (depth >= MAX_INPUT_DEPTH) {
        return { field, reason: `nests deeper than ${MAX_INPUT_DEPTH} levels` };
      }
      const array = Array.isArray(value);
      for (const [key, child] of Object.entries(value)) {
        const childField = array ? `${field}[${key}]` : field ? `${field}.${key}` : key;
        pending.push({ value: child, field: childField, depth: depth + 1 });
      }
    }
  }
  return null;
}
