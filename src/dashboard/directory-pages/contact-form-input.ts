import { optionalText } from './page-form';

/**
 * The contact DTO's shape from the form's text fields. `whenEmpty` is
 * undefined for a new contact (not given) and null for an edit (cleared).
 * No institution chosen means a person who speaks for none; no language
 * chosen keeps the default (Albanian) or the contact's own.
 */
export function contactInput(
  form: Record<string, string>,
  whenEmpty: null | undefined,
): Record<string, unknown> {
  return {
    fullName: form.fullName ?? '',
    email: form.email ?? '',
    institutionId: form.institutionId || null,
    position: optionalText(form.position, whenEmpty),
    phone: optionalText(form.phone, whenEmpty),
    language: form.language || undefined,
    notes: optionalText(form.notes, whenEmpty),
  };
}

/**
 * The opt-out part of the edit form: the box as it is now, and a reason only
 * when one is typed, so saving other fields never replaces the reason the
 * contact gave on the opt-out page.
 */
export function optOutInput(form: Record<string, string>): Record<string, unknown> {
  return { optedOut: form.optedOut === 'true', optOutReason: form.optOutReason || undefined };
}
