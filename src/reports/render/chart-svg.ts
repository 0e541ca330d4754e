import { createHash } from 'node:crypto';
import { Chart, ChartShape } from './chart';

/*
 * A Chart as an inline SVG element for the HTML report. The viewBox keeps
 * the chart's own coordinates, so it scales to the column it sits in; the
 * title and description are what a screen reader announces for it.
 */

/** The font the PDF embeds first, so that text the charts sized by guess fits alike in both. */
const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

export function chartSvg(chart: Chart): string {
  const id = chartId(chart);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc"`,
    ` viewBox="0 0 ${n(chart.width)} ${n(chart.height)}" width="${n(chart.width)}" height="${n(chart.height)}"`,
    ` font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
    ...chart.shapes.map(shapeSvg),
    '</svg>',
  ].join('');
}

function shapeSvg(shape: ChartShape): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" fill="${escapeXml(shape.fill)}"/>`;
    case 'line':
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}" stroke="${escapeXml(shape.stroke)}" stroke-width="1"/>`;
    case 'text':
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size)}" text-anchor="${shape.anchor}" fill="${escapeXml(shape.fill)}">${escapeXml(shape.text)}</text>`;
  }
}

/**
 * Ids for aria-labelledby must be unique in the page, and a report holds
 * several charts. Taken from the chart's content, so the same report always
 * gives the same HTML; two charts that share an id are identical anyway.
 */
function chartId(chart: Chart): string {
  return `chart-${createHash('sha256').update(JSON.stringify(chart)).digest('hex').slice(0, 12)}`;
}

/** Coordinates to two decimals: the picture cannot tell, and the markup stays short. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}
