/** The new user's DTO shape from the form; no language chosen keeps the default (Albanian). */
export function newUserInput(form: Record<string, string>): Record<string, unknown> {
  return {
    email: form.email ?? '',
    name: form.name ?? '',
    role: form.role ?? '',
    password: form.password ?? '',
    language: form.language || undefined,
  };
}

/** An edit: a password only when a new one is typed; the box says whether the account is disabled. */
export function userChangesInput(form: Record<string, string>): Record<string, unknown> {
  return {
    name: form.name ?? '',
    role: form.role ?? '',
    language: form.language || undefined,
    password: form.password || undefined,
    disabled: form.disabled === 'true',
  };
}
