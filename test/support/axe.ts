import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

/** What axe-core found wrong on one page: a rule broken, how badly, and where. */
export interface Violation {
  rule: string;
  impact: Impact;
  help: string;
  targets: string[];
}

export interface PageAudit {
  page: string;
  violations: Violation[];
}

/**
 * Runs axe-core inside the page as it stands. The script goes in as an inline
 * tag, so the page's context must be opened with `bypassCSP: true`: our
 * content security policy rightly refuses inline scripts.
 */
export async function auditPage(page: Page, name: string): Promise<PageAudit> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const results = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(options: object): Promise<unknown> } }).axe.run({
      resultTypes: ['violations'],
    }),
  )) as AxeResults;
  return {
    page: name,
    violations: results.violations.map((violation) => ({
      rule: violation.id,
      impact: impactOf(violation.impact),
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })),
  };
}

/** axe-core leaves the impact out only for rules that found nothing, which are not reported here. */
function impactOf(impact: ImpactValue | undefined): Impact {
  return impact ?? 'minor';
}

/** The number of rules each impact broke on a page. */
export function countByImpact(violations: Violation[]): Record<Impact, number> {
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of violations) counts[violation.impact] += 1;
  return counts;
}

/** One line per page, and a total, for the test's output. */
export function summary(title: string, audits: PageAudit[]): string {
  const line = (name: string, counts: Record<Impact, number>) =>
    `${name.padEnd(34)} ${IMPACTS.map((impact) => String(counts[impact]).padStart(10)).join('')}`;
  const lines = audits.map((audit) => {
    const details = audit.violations.map((v) => `${v.rule} (${v.impact}, ${v.targets.length})`);
    return `${line(audit.page, countByImpact(audit.violations))}  ${details.join(', ')}`;
  });
  const total = countByImpact(audits.flatMap((audit) => audit.violations));
  return [
    title,
    `${''.padEnd(34)} ${IMPACTS.map((impact) => impact.padStart(10)).join('')}`,
    ...lines,
    line('all pages', total),
  ].join('\n');
}

/** The violations a page must not have: those that lock someone out or nearly so. */
export function blocking(audit: PageAudit): string[] {
  return audit.violations
    .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
    .map(
      (violation) =>
        `${audit.page}: ${violation.rule} (${violation.impact}) ${violation.help} — ${violation.targets.join(', ')}`,
    );
}
