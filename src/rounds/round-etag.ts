import { HttpStatus } from '@nestjs/common';
import { ApiResponseOptions } from '@nestjs/swagger';
import { RequestError } from '../common/request-error';

/**
 * A round's strong ETag, `"round-<id>-v<scheduleVersion>"`: it moves with
 * every change of a session's times, title, venue or audience and every
 * cancellation, and names its round so that the ETag
 * of one round sent with a change to another is refused rather than
 * compared. The round's GET and its sessions' GETs carry it.
 */
export function roundETag(round: { id: string; scheduleVersion: number }): string {
  return `"round-${round.id}-v${round.scheduleVersion}"`;
}

/** How the GETs document the header. */
export const ROUND_ETAG_HEADER: ApiResponseOptions['headers'] = {
  ETag: {
    description:
      'The round\'s strong ETag, "round-<id>-v<scheduleVersion>": send it as If-Match when changing a session or cancelling, to be refused with 409 if the round has changed since.',
    schema: { type: 'string' },
  },
};

/** RFC 9110's entity-tag: an optional W/ and an opaque tag between double quotes. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * The schedule version an If-Match header names for the round, or
 * undefined for `*` (any version will do).
 *
 * A header that is not an entity-tag at all is 400, as a body field of the
 * wrong type is here; an entity-tag that cannot be this round's (another
 * round's, a weak one, not one this server gives, a list) is 422. Neither is
 * 412: that answer says the condition was evaluated and is false, and would
 * send a client to read the round again and retry a header that can never
 * pass.
 */
export function versionInIfMatch(header: string, roundId: string): number | undefined {
  const value = header.trim();
  if (value === '*') return undefined;
  const tags = value.split(/\s*,\s*/);
  const parsed = tags.map((tag) => ENTITY_TAG.exec(tag));
  if (parsed.some((match) => !match)) {
    throw new RequestError(HttpStatus.BAD_REQUEST, [
      { field: 'if-match', reason: 'must be * or an ETag in double quotes, as the GET gave it' },
    ]);
  }
  if (tags.length > 1) unusable('must hold one ETag: the one the round was read with');
  const [, weak, opaque] = parsed[0]!;
  if (weak) unusable('must be the strong ETag the GET gave, without W/');
  const own = /^round-([0-9a-f-]{36})-v(\d{1,9})$/i.exec(opaque);
  if (!own) unusable('is not an ETag of a round');
  // A UUID is the same in either case, and a path may carry it in capitals.
  if (own[1].toLowerCase() !== roundId.toLowerCase()) unusable('is the ETag of another round');
  return Number(own[2]);
}

function unusable(reason: string): never {
  throw RequestError.unprocessable('if-match', reason);
}
