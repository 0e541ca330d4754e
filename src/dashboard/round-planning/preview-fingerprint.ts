import { createHash } from 'node:crypto';

/**
 * A short digest of what a preview showed (who is told, which steps stop,
 * the versions it was made from). The confirm form carries it; when the
 * preview made again at confirmation differs, something changed meanwhile
 * and the coordinator is shown the new preview instead of a surprise.
 */
export function previewFingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
