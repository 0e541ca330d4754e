import { DemoFailure } from './demo/demo-failure';
import { MailDevInbox } from './demo/maildev-inbox';
import { playDemoRound } from './demo/play-demo-round';

/**
 * npm run demo — plays a whole round in about a minute against a running
 * Fushata (`npm start` in another terminal): invitations, answers given on
 * the RSVP pages, reminders, attendance, follow-up and the report, with the
 * timeline printed as it goes and the report's narrative at the end.
 *
 * DEMO_URL (http://localhost:3000), DEMO_INBOX_URL (the mail catcher,
 * http://127.0.0.1:1080), ADMIN_EMAIL and ADMIN_PASSWORD (the development
 * admin) say where and as whom.
 */

/** The first admin's password when ADMIN_PASSWORD is unset (src/auth/bootstrap-admin.ts, printed by `npm start`). */
const DEVELOPMENT_ADMIN_PASSWORD = 'fushata-admin-2017';

playDemoRound({
  baseUrl: process.env.DEMO_URL ?? 'http://localhost:3000',
  admin: {
    email: process.env.ADMIN_EMAIL ?? 'admin@example.org',
    password: process.env.ADMIN_PASSWORD ?? DEVELOPMENT_ADMIN_PASSWORD,
  },
  inbox: new MailDevInbox(process.env.DEMO_INBOX_URL ?? 'http://127.0.0.1:1080'),
}).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof DemoFailure ? `\nThe demo stopped: ${error.message}` : error);
    process.exit(1);
  },
);
