import { Language } from '../../common/language';
import { InstitutionKind } from '../institutions/institution-kind';
import { compactKey } from './contact-csv-columns';

/** The words people type in a language column, besides the codes themselves. */
const LANGUAGE_WORDS: Record<Language, string[]> = {
  [Language.Albanian]: ['sq', 'shqip', 'shqipe', 'albanian'],
  [Language.English]: ['en', 'anglisht', 'angleze', 'english'],
};

/** Albanian names for institution kinds, and the English ones written with spaces. */
const KIND_WORDS: Record<InstitutionKind, string[]> = {
  [InstitutionKind.Ministry]: ['ministri', 'ministria'],
  [InstitutionKind.Police]: ['polici', 'policia'],
  [InstitutionKind.Prefecture]: ['prefekture', 'prefektura'],
  [InstitutionKind.CountyCouncil]: ['këshilli i qarkut', 'këshill qarku'],
  [InstitutionKind.Municipality]: ['bashki', 'bashkia'],
  [InstitutionKind.School]: ['shkollë', 'shkolla'],
  [InstitutionKind.EmploymentOffice]: ['zyra e punësimit', 'zyrë punësimi'],
  [InstitutionKind.CivilSocietyOrganisation]: [
    'civil society organization',
    'organizatë e shoqërisë civile',
    'shoqëri civile',
    'ngo',
    'osh',
    'ojf',
  ],
  [InstitutionKind.InternationalOrganisation]: [
    'international organization',
    'organizatë ndërkombëtare',
  ],
  [InstitutionKind.Media]: ['mediat'],
  [InstitutionKind.Other]: ['tjetër'],
};

const LANGUAGE_BY_WORD = indexByCompactKey(LANGUAGE_WORDS);
const KIND_BY_WORD = indexByCompactKey(KIND_WORDS, (kind) => [kind]);

export const LANGUAGE_EXPECTED = 'must be sq or en (shqip, anglisht)';
export const KIND_EXPECTED = `must be one of ${Object.values(InstitutionKind).join(', ')}, or its Albanian name (bashkia, prefektura, shkolla…)`;

export function parseLanguage(text: string): Language | undefined {
  return LANGUAGE_BY_WORD.get(compactKey(text));
}

export function parseInstitutionKind(text: string): InstitutionKind | undefined {
  return KIND_BY_WORD.get(compactKey(text));
}

function indexByCompactKey<T extends string>(
  words: Record<T, string[]>,
  ownNames: (value: T) => string[] = () => [],
): Map<string, T> {
  return new Map(
    (Object.entries(words) as [T, string[]][]).flatMap(([value, names]) =>
      [...ownNames(value), ...names].map((name) => [compactKey(name), value] as const),
    ),
  );
}
