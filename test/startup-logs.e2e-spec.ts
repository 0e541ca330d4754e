import { TestApp } from './support/test-app';

interface LogLine {
  time: number;
  context?: string;
  msg: string;
}

/** The lines Nest writes while it builds the application, before the logger itself exists. */
describe('start-up log lines', () => {
  it('carry the time each was logged, not the time they were written out', async () => {
    const lines: LogLine[] = [];
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const app = await TestApp.start({ LOG_LEVEL: 'info' }, { logDestination: destination });
    await app.close();

    const starting = lines.find((line) => line.msg === 'Starting Nest application...');
    const modules = lines.filter((line) => line.context === 'InstanceLoader');
    expect(starting).toBeDefined();
    expect(modules.length).toBeGreaterThan(10);
    const times = [starting!, ...modules].map((line) => line.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Between the first line and the last module lie the database connection and the
    // templates being compiled: tens of milliseconds at least, where one flush takes one.
    expect(modules.at(-1)!.time - starting!.time).toBeGreaterThanOrEqual(10);
  });
});
