import fc from 'fast-check';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { WorkerProcess } from '../support/worker-process';
import { drainedAsModelled, roundCommands } from './commands';
import { RealRound, scheduledRound } from './real-round';

/**
 * The model of what each person should be told, run side by side with the real
 * product under random changes, answers and opt-outs (see README, "Tests").
 * `MODEL_RUNS`, `MODEL_SEED`, `MODEL_PATH` and `MODEL_REPLAY` set the runs and replay a failure.
 */
const runs = Number(process.env.MODEL_RUNS ?? 20);
const seed = Number(process.env.MODEL_SEED ?? 21);
const path = process.env.MODEL_PATH;
/** The `replayPath` fast-check prints beside a shrunk list of commands. */
const replayPath = process.env.MODEL_REPLAY;
const timeLimitMs = Number(process.env.MODEL_TIME_LIMIT_MS ?? 240_000);

describe('what each person is told, against the model', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let worker: { process: WorkerProcess };
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '100',
      RECONCILE_EVERY_MS: '300',
      // Believe the client address each run gives (see clientOf), as behind one proxy.
      TRUST_PROXY_HOPS: '1',
    });
    worker = { process: await WorkerProcess.start(app.config) };
  }, 60_000);

  afterAll(async () => {
    await worker.process.stop();
    await app.close();
    await sink.stop();
  });

  it(
    'keeps every person’s calendar and notices consistent with the round',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.commands(roundCommands, { maxCommands: 20, size: 'medium', replayPath }),
          async (commands) => {
            serial += 1;
            const real: RealRound = { app, sink, run: `r${seed}x${serial}`, worker };
            const model = await scheduledRound(real);
            await fc.asyncModelRun(() => ({ model, real }), commands);
            await drainedAsModelled(model, real);
          },
        ),
        {
          numRuns: runs,
          seed,
          path,
          interruptAfterTimeLimit: timeLimitMs,
          markInterruptAsFailure: false,
        },
      );
    },
    timeLimitMs + 120_000,
  );
});
