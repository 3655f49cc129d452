import { useEffect, useState } from 'react';
import type { ScenarioEntry } from '../scenarios/loadScenarios';

/**
 * The scenario list, validated in a lazily loaded chunk: the schema validator (zod) is not part
 * of the initial bundle, so the menu paints first and the list arrives a moment later.
 * The shipped scenarios first, then the instructor's own published ones (read again each time the
 * menu opens, so a scenario just published in the editor is there). Null while loading.
 */
let pending: Promise<readonly ScenarioEntry[]> | null = null;

export function useScenarioEntries(): readonly ScenarioEntry[] | null {
  const [entries, setEntries] = useState<readonly ScenarioEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    pending ??= import('../scenarios/loadScenarios').then((m) => m.loadScenarios());
    const own = import('../scenarios/ownScenarioEntries').then((m) => m.loadOwnScenarios());
    Promise.all([pending, own]).then(([shipped, mine]) => live && setEntries([...shipped, ...mine]));
    return () => {
      live = false;
    };
  }, []);
  return entries;
}
