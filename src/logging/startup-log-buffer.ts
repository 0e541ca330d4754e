import { LoggerService } from '@nestjs/common';

type Level = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

interface Line {
  level: Level;
  time: number;
  message: unknown;
  optionalParams: unknown[];
}

/** While a held line is written, the moment it was logged; otherwise none. */
let heldLineTime: number | null = null;

/** pino's timestamp: now, or the moment a held start-up line was logged. */
export function logTimestamp(): string {
  return `,"time":${heldLineTime ?? Date.now()}`;
}

/**
 * Holds what Nest logs while the application is built, before the logger
 * (itself a provider) exists, each line with the time it was logged, then
 * writes them through that logger at those times. Nest's own `bufferLogs`
 * keeps no time, so every start-up line carried the moment of the flush.
 */
export class StartupLogBuffer implements LoggerService {
  private lines: Line[] = [];

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.hold('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.hold('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.hold('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.hold('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.hold('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.hold('fatal', message, optionalParams);
  }

  writeTo(logger: LoggerService): void {
    for (const line of this.lines) {
      heldLineTime = line.time;
      try {
        logger[line.level]?.(line.message, ...line.optionalParams);
      } finally {
        heldLineTime = null;
      }
    }
    this.lines = [];
  }

  private hold(level: Level, message: unknown, optionalParams: unknown[]): void {
    this.lines.push({ level, time: Date.now(), message, optionalParams });
  }
}
