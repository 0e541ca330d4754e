/** The languages Fushata writes e-mails and pages in. */
export enum Language {
  Albanian = 'sq',
  English = 'en',
}
