import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, LogFormat } from '../config/app-config';
import { redactPath } from './redact-path';
import { requestIdFor } from './request-id';
import { logTimestamp } from './startup-log-buffer';

/**
 * One JSON object a line in production, readable lines in development; every
 * line of a request carries its id (see app.factory.ts for where it is set).
 * Lines go to standard output, or as JSON to `destination` when one is given
 * (a test that reads what the application logs).
 */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // Orchestrators poll /health every few seconds; logging each poll drowns real traffic.
            exclude: [{ method: RequestMethod.ALL, path: 'health' }],
            pinoHttp: destination
              ? [httpLoggerOptions(config.logLevel), destination]
              : {
                  ...httpLoggerOptions(config.logLevel),
                  transport:
                    config.effectiveLogFormat === LogFormat.Pretty
                      ? {
                          target: 'pino-pretty',
                          options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
                        }
                      : undefined,
                },
          }),
        }),
      ],
    };
  }
}

function httpLoggerOptions(level: string) {
  return {
    level,
    timestamp: logTimestamp,
    genReqId: (request: IncomingMessage) =>
      (request as { id?: string }).id ?? requestIdFor(request),
    // Only what helps to follow a request; headers would carry tokens and cookies.
    serializers: {
      req: (request: { id: unknown; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: redactPath(request.url),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500
        ? ('error' as const)
        : response.statusCode >= 400
          ? ('warn' as const)
          : ('info' as const),
  };
}
