import { optionalText } from './page-form';

/**
 * The institution DTO's shape from the form's text fields. `whenEmpty` is
 * undefined for a new institution (not given) and null for an edit (cleared).
 * No county chosen means a national institution.
 */
export function institutionInput(
  form: Record<string, string>,
  whenEmpty: null | undefined,
): Record<string, unknown> {
  return {
    name: form.name ?? '',
    kind: form.kind ?? '',
    countyId: form.countyId || null,
    email: optionalText(form.email, whenEmpty),
    phone: optionalText(form.phone, whenEmpty),
    address: optionalText(form.address, whenEmpty),
  };
}
