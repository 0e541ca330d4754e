import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import { createApp, createWorkerContext } from './app.factory';
import { ConfigError, loadConfig } from './config/load-config';
import { checkRedis } from './startup/check-redis';
import { ensureDatabase } from './startup/ensure-database';
import { StartupError } from './startup/startup-error';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  await ensureDatabase(config.databaseUrl);
  const redis = await checkRedis(config.redisUrl, config.isProduction);
  if (redis.evictionWarning) console.warn(`Warning: ${redis.evictionWarning}`);

  if (!config.runsApi) {
    const worker = await createWorkerContext(config);
    worker
      .get(Logger)
      .log('Fushata worker is running: it takes jobs from the queues, serves no HTTP');
    return;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const role = config.runsWorkers ? 'API and worker' : 'API';
  app
    .get(Logger)
    .log(
      `Fushata (${role}) is listening on ${await app.getUrl()}; public URL ${config.appUrl}, API docs at ${config.appUrl}/docs`,
    );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else if (error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
