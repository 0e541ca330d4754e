/*
 * A chart as plain shapes in its own coordinate space (origin top left, y
 * down, like SVG and PDF), so that the HTML's SVG and the PDF's drawing are
 * two writings of the same picture and cannot disagree.
 */

export type ChartShape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
    };

export interface Chart {
  title: string;
  /** A sentence saying what the chart shows, for screen readers and the PDF's text layer. */
  description: string;
  width: number;
  height: number;
  shapes: ChartShape[];
}
