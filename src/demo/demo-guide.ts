import { DEVELOPMENT_ADMIN_PASSWORD } from '../auth/bootstrap-admin';
import { AppConfig, Environment } from '../config/app-config';
import { reachable } from '../messaging/mail-catcher';
import { redactUrl } from '../startup/redact-url';

/** Where the e-mail the demo sends can be read. */
function inbox(config: AppConfig): string {
  if (config.smtpUrl) return `e-mail goes to the SMTP server at ${redactUrl(config.smtpUrl)}`;
  if (config.environment === Environment.Development) {
    return `the mail catcher's inbox is at http://${reachable(config.host)}:${config.mailCatcherWebPort}`;
  }
  return 'no e-mail can leave: SMTP_URL is not set';
}

/** The lines that tell someone who just ran `npm start` where to look and how to sign in. */
export function demoGuide(config: AppConfig, heldRoundId: string | null): string[] {
  const password = config.adminPassword
    ? 'the password in ADMIN_PASSWORD'
    : `the development password "${DEVELOPMENT_ADMIN_PASSWORD}"`;
  const lines = [
    `Demo: the dashboard is at ${config.appUrl}/app and the API documentation at ${config.appUrl}/docs`,
    `Demo: ${inbox(config)}`,
    `Demo: sign in as ${config.adminEmail} with ${password}`,
  ];
  if (heldRoundId) {
    lines.push(
      `Demo: the Elbasan 2017 report is at ${config.appUrl}/api/rounds/${heldRoundId}/report?format=html&lang=sq (with the bearer token POST /api/auth/login gives)`,
    );
  }
  return lines;
}
