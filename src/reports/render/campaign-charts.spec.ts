import { Language } from '../../common/language';
import { RoundStatus } from '../../rounds/round-status';
import { CampaignReport } from '../report-model';
import { campaignCharts } from './campaign-charts';
import { Chart, ChartShape } from './chart';
import { chartSvg } from './chart-svg';
import { sampleCampaignReport } from './testing/report-samples';

type Rect = Extract<ChartShape, { kind: 'rect' }>;

const rects = (chart: Chart) => chart.shapes.filter((s): s is Rect => s.kind === 'rect');
const texts = (chart: Chart) =>
  chart.shapes.flatMap((shape) => (shape.kind === 'text' ? [shape.text] : []));

/** The sample campaign with Kukës held too, drawing a quarter of Elbasan's 136 people. */
function twoRoundsHeld(language: Language): CampaignReport {
  const report = sampleCampaignReport(language);
  const [elbasan, kukes, ...rest] = report.rounds;
  return {
    ...report,
    rounds: [
      elbasan,
      {
        ...kukes,
        status: RoundStatus.Completed,
        statusLabel: 'completed',
        counts: { ...elbasan.counts, participants: 34 },
      },
      ...rest,
    ],
  };
}

describe('campaignCharts', () => {
  it('draws a bar per round held, as long as its participants are many', () => {
    const [perRound] = campaignCharts(twoRoundsHeld(Language.English));
    const bars = rects(perRound);
    expect(bars).toHaveLength(2);
    expect(bars[1].width / bars[0].width).toBeCloseTo(34 / 136);
    expect(bars[0].x + bars[0].width).toBeLessThanOrEqual(perRound.width);
    expect(bars[0].y).toBeLessThan(bars[1].y);
    expect(texts(perRound)).toEqual(expect.arrayContaining(['Elbasan', '136', 'Kukës', '34']));
  });

  it('shows the rounds still to come by their dates and status, without a bar', () => {
    const [perRound] = campaignCharts(sampleCampaignReport(Language.Albanian));
    expect(rects(perRound)).toHaveLength(1);
    expect(texts(perRound)).toEqual(
      expect.arrayContaining(['Shkodër', '12–14 dhjetor 2017', 'I planifikuar']),
    );
    expect(perRound.title).toBe('Pjesëmarrës për raund');
    expect(perRound.description).toBe(
      'Pjesëmarrës për raund: Elbasan (22 nëntor 2017): 136; Kukës (5–7 dhjetor 2017): I planifikuar; ' +
        'Shkodër (12–14 dhjetor 2017): I planifikuar; Korçë (19–21 dhjetor 2017): I planifikuar.',
    );
  });

  it('shows every county once, with the counts of each state in the legend', () => {
    const [, progress] = campaignCharts(sampleCampaignReport(Language.English));
    expect(progress.title).toBe('Progress across counties');
    const shown = texts(progress);
    expect(shown).toEqual(
      expect.arrayContaining([
        'Counties visited: 1',
        'Counties planned: 3',
        'Counties still to come: 8',
      ]),
    );
    for (const county of ['Elbasan', 'Kukës', 'Vlorë', 'Gjirokastër']) {
      expect(shown.filter((text) => text === county)).toHaveLength(1);
    }
    // Three legend keys and twelve tiles, every one inside the chart.
    expect(rects(progress)).toHaveLength(15);
    for (const tile of rects(progress)) {
      expect(tile.x + tile.width).toBeLessThanOrEqual(progress.width + 0.001);
      expect(tile.y + tile.height).toBeLessThanOrEqual(progress.height);
    }
    expect(progress.description).toContain('Counties visited 1 (Elbasan)');
    expect(progress.description).toContain('Counties planned 3 (Kukës, Shkodër, Korçë)');
  });

  it('writes a chart as an SVG a screen reader can name, with every text escaped', () => {
    const report = sampleCampaignReport(Language.English);
    report.rounds[0] = { ...report.rounds[0], county: 'Dibër <b>& Mat</b>' };
    report.counties.visited = ['Dibër <b>& Mat</b>'];
    const svgs = campaignCharts(report).map(chartSvg);
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain('viewBox="0 0 720 ');
      const [, title, desc] = svg.match(/aria-labelledby="(\S+) (\S+)"/)!;
      expect(svg).toContain(`<title id="${title}">`);
      expect(svg).toContain(`<desc id="${desc}">`);
      expect(svg).toContain('Dibër &lt;b&gt;&amp; Mat&lt;/b&gt;');
      expect(svg).not.toContain('<b>');
    }
    expect(svgs[0]).not.toBe(svgs[1]);
    expect(svgs[0].match(/aria-labelledby="(\S+)-title/)![1]).not.toBe(
      svgs[1].match(/aria-labelledby="(\S+)-title/)![1],
    );
  });

  it('says so when a campaign has no rounds yet', () => {
    const report = { ...sampleCampaignReport(Language.English), rounds: [] };
    const [perRound] = campaignCharts(report);
    expect(rects(perRound)).toHaveLength(0);
    expect(perRound.description).toBe('Participants per round: —');
  });
});
