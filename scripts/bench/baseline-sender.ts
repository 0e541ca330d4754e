import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load-config';
import { MailTransport, OutgoingMail } from '../../src/messaging/mail-transport';
import { processMemory } from './process-memory';

/** What the benchmark hands this process, as a JSON file named on the command line. */
export interface BaselineJob {
  smtpUrl: string;
  /** One e-mail exactly as the pipeline composed it; each copy gets its own recipient and Message-ID. */
  mail: OutgoingMail;
  count: number;
  /** Sends kept in flight: as many as the pool has connections, so none waits in nodemailer's queue for long. */
  inFlight: number;
}

export interface BaselineResult {
  startedAt: number;
  finishedAt: number;
  failures: number;
  firstError?: string;
  peakRssMb: number;
}

/**
 * The baseline: plain pooled nodemailer sending pre-rendered e-mails as fast
 * as it can, with no queue, no database and no rendering. It runs in its own
 * process, like a worker, so it does not share an event loop with the SMTP
 * sink. It sends through the app's MailTransport, which is one
 * nodemailer.createTransport({ pool: true, … }) and one sendMail per e-mail:
 * the pool settings and mail options are the pipeline's by construction.
 */
async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as BaselineJob;
  const transport = new MailTransport(loadConfig({ NODE_ENV: 'test', SMTP_URL: job.smtpUrl }));
  const [local, domain] = job.mail.to.address.split('@');
  let next = 0;
  let failures = 0;
  let firstError: string | undefined;
  const sendOne = async (): Promise<void> => {
    while (next < job.count) {
      const i = next++;
      await transport
        .send({
          ...job.mail,
          to: { name: job.mail.to.name, address: `${local}.${i}@${domain}` },
          messageId: `<baseline-${i}.${job.mail.messageId.slice(1)}`,
        })
        .catch((error: Error) => {
          failures += 1;
          firstError ??= error.message;
        });
    }
  };
  const startedAt = Date.now();
  await Promise.all(Array.from({ length: job.inFlight }, sendOne));
  const finishedAt = Date.now();
  await transport.onModuleDestroy();
  const result: BaselineResult = {
    startedAt,
    finishedAt,
    failures,
    firstError,
    peakRssMb: processMemory('self').peakRssMb,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
