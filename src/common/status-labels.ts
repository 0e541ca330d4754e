import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from './language';

export const LABELS_DIRECTORY = join(__dirname, '../../templates/labels');

/**
 * The one name, per language, of every status and kind a person reads:
 * round statuses, session phases and kinds, answers, steps (by step key,
 * see stepKey), step and e-mail statuses. The dashboard's pages and the
 * reports read them from here, so no two of them name a thing differently.
 */
export interface StatusLabels {
  roundStatuses: Record<string, string>;
  sessionPhases: Record<string, string>;
  sessionKinds: Record<string, string>;
  invitationStatuses: Record<string, string>;
  steps: Record<string, string>;
  stepStatuses: Record<string, string>;
  messageStatuses: Record<string, string>;
}

const cache = new Map<Language, StatusLabels>();

/** Read once per language; both files name every value of every enum (checked by a unit test). */
export function statusLabels(language: Language): StatusLabels {
  let labels = cache.get(language);
  if (!labels) {
    labels = JSON.parse(
      readFileSync(join(LABELS_DIRECTORY, `${language}.json`), 'utf8'),
    ) as StatusLabels;
    cache.set(language, labels);
  }
  return labels;
}
