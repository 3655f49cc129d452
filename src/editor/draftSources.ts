import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import type { OwnScenarioRecord } from '../scenarios/ownScenarioDb';

/** Where a scenario a new draft can start from comes from. */
export type DraftOrigin = 'shipped' | 'own' | 'lab';

/** One entry of the editor's "From" list: its select value, what it reads as, and the scenario copied. */
export interface DraftSource {
  readonly key: string;
  readonly label: string;
  readonly origin: DraftOrigin;
  readonly scenario: unknown;
}

/**
 * The scenarios a new draft can be copied from: the shipped ones, this browser's published
 * versions, then the versions published on the lab server from other browsers. A lab version this
 * browser holds published too (it published it here, or opened it before) is listed once, as its
 * own; one with a shipped scenario's id is left out, as the assignment form does: that id names the
 * app's scenario. Only published own versions are offered: a draft is still changing.
 */
export function draftSources(
  shipped: readonly Scenario[],
  own: readonly OwnScenarioRecord[],
  lab: readonly Scenario[],
): DraftSource[] {
  const ownPublished = own.filter((r) => r.status === 'published');
  const local = new Set(ownPublished.map((r) => `${r.id}@${r.version}`));
  const shippedIds = new Set(shipped.map((s) => s.id));
  const labSources: DraftSource[] = [];
  for (const s of [...lab].sort((a, b) => a.id.localeCompare(b.id) || scenarioVersion(a) - scenarioVersion(b))) {
    const at = `${s.id}@${scenarioVersion(s)}`;
    // A second copy of one version in the server's answer would give two entries one select value.
    if (shippedIds.has(s.id) || local.has(at) || labSources.some((x) => x.key === `lab:${at}`)) continue;
    labSources.push({ key: `lab:${at}`, label: `Lab: ${s.id} v${scenarioVersion(s)}`, origin: 'lab', scenario: s });
  }
  return [
    ...shipped.map((s) => ({
      key: `shipped:${s.id}`,
      label: `${s.title} (${s.id})`,
      origin: 'shipped' as const,
      scenario: s,
    })),
    ...ownPublished.map((r) => ({
      key: `own:${r.key}`,
      label: `Yours: ${r.id} v${r.version}`,
      origin: 'own' as const,
      scenario: r.scenario,
    })),
    ...labSources,
  ];
}
