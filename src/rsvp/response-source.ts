/** How an answer reached the office: the invitee's own link, or staff recording what they were told. */
export enum ResponseSource {
  Link = 'link',
  Phone = 'phone',
  Letter = 'letter',
  Email = 'email',
  InPerson = 'in_person',
}

/** The sources staff may record; `link` is the invitee's own page alone. */
export const STAFF_SOURCES = [
  ResponseSource.Phone,
  ResponseSource.Letter,
  ResponseSource.Email,
  ResponseSource.InPerson,
] as const;

export type StaffSource = (typeof STAFF_SOURCES)[number];
