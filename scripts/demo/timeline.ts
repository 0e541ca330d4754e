/** Prints one line per event, each with the seconds since the demo started. */
export class Timeline {
  private readonly startedAt = Date.now();

  constructor(private readonly write: (line: string) => void) {}

  /** A moment as the timeline shows it: `12.3s`. */
  at(moment: Date | number): string {
    return `${((new Date(moment).getTime() - this.startedAt) / 1000).toFixed(1)}s`;
  }

  event(text: string): void {
    this.write(`${this.at(Date.now()).padStart(7)}  ${text}`);
  }

  /** A line belonging to the event above it, indented under its text. */
  detail(text: string): void {
    this.write(`${' '.repeat(11)}${text}`);
  }

  /** A line that is not an event: headings and the report at the end. */
  say(text = ''): void {
    this.write(text);
  }
}
