import { Language } from '../common/language';

/** The text in the report's language, or the other language's when only that one was entered. */
export function inLanguage(
  language: Language,
  sq: string | null | undefined,
  en: string | null | undefined,
): string | null {
  const [wanted, other] = language === Language.Albanian ? [sq, en] : [en, sq];
  return wanted?.trim() ? wanted : other?.trim() ? other : null;
}

/** A list kept in both languages: the report's, or the other when the report's is empty. */
export function listInLanguage(language: Language, sq: string[], en: string[]): string[] {
  const [wanted, other] = language === Language.Albanian ? [sq, en] : [en, sq];
  return wanted.length > 0 ? wanted : other;
}
