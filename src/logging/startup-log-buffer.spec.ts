import { Logger, PinoLogger } from 'nestjs-pino';
import { logTimestamp, StartupLogBuffer } from './startup-log-buffer';

describe('StartupLogBuffer', () => {
  afterEach(() => jest.useRealTimers());

  it('writes each held line with the time it was logged, and later lines with their own', () => {
    const written: Array<{ time: number; msg: string; context?: string }> = [];
    const destination = { write: (line: string) => void written.push(JSON.parse(line)) };
    const params = {
      pinoHttp: [{ timestamp: logTimestamp }, destination] as [object, typeof destination],
    };
    const logger = new Logger(new PinoLogger(params), params);

    jest.useFakeTimers({ now: new Date('2017-11-22T09:00:00.000Z') });
    const startup = new StartupLogBuffer();
    startup.log('Starting Nest application...', 'NestFactory');
    jest.setSystemTime(new Date('2017-11-22T09:00:00.250Z'));
    startup.warn('Redis answered late', 'RedisModule');
    jest.setSystemTime(new Date('2017-11-22T09:00:01.000Z'));
    startup.writeTo(logger);
    logger.log('listening', 'Main');

    expect(
      written.map(({ time, msg, context }) => [new Date(time).toISOString(), msg, context]),
    ).toEqual([
      ['2017-11-22T09:00:00.000Z', 'Starting Nest application...', 'NestFactory'],
      ['2017-11-22T09:00:00.250Z', 'Redis answered late', 'RedisModule'],
      ['2017-11-22T09:00:01.000Z', 'listening', 'Main'],
    ]);
  });
});
