import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { AXE_ALLOW_LIST } from './axeAllowList';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the rules axe tags with these. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

/** Every allow-listed rule some scan met in this worker (accessibility.spec.ts checks none went stale). */
export const allowListedSeen = new Set<string>();

interface Found {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** The second line of axe's failure summary (the first says "Fix any of the following:"). */
function detail(summary: string | undefined): string {
  const line = summary?.split('\n')[1]?.trim();
  return line ? `  (${line})` : '';
}

/**
 * Scan the page as it stands with axe-core under the WCAG A/AA tags. Fails on any critical or
 * serious violation, and on a moderate or minor one that tests/e2e/axeAllowList.ts does not list;
 * the failure names each rule, its impact, the offending elements' selectors and axe's help text.
 * `exclude` leaves out selectors whose content is not the app's (none so far).
 */
export async function axeCheck(page: Page, screen: string, exclude: readonly string[] = []): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags([...WCAG_AA_TAGS, 'best-practice']);
  for (const s of exclude) builder = builder.exclude(s);
  const { violations } = await builder.analyze();
  const found: Found[] = violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    // The selector, and for contrast the measured ratio (axe's first line of why it failed).
    targets: v.nodes.map((n) => `${n.target.join(' ')}${detail(n.failureSummary)}`),
  }));
  for (const f of found) if (f.id in AXE_ALLOW_LIST) allowListedSeen.add(f.id);
  const failing = found.filter((f) => f.impact === 'critical' || f.impact === 'serious' || !(f.id in AXE_ALLOW_LIST));
  const text = failing
    .map((f) => `  [${f.impact}] ${f.id}: ${f.help}\n${f.targets.map((t) => `      ${t}`).join('\n')}`)
    .join('\n');
  if (failing.length > 0) console.log(`axe on ${screen}:\n${text}`);
  expect.soft(failing, `axe violations on ${screen}:\n${text}`).toEqual([]);
}
