import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../../levels/scenarioSchema';
import { labClient } from '../labClient/labSession';

/** The lab server's published scenarios as the editor knows them. */
export type LabPublished =
  | { readonly status: 'off' }
  | { readonly status: 'loading' }
  | { readonly status: 'listed'; readonly scenarios: readonly Scenario[] }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * The scenarios published on the lab server, for the user `userId` (null: standalone, or not an
 * instructor, and nothing is asked). Asked again when the user changes or on `retry`. The API
 * module is loaded on demand, as publishing loads it: a standalone editor never fetches it. Every
 * call has the lab client's size bound and timeout, and a scenario that does not validate is left
 * out there, so a failure is a reason to show, never a broken list; an answer that comes after the
 * editor closed or the user changed is dropped.
 */
export function useLabPublished(userId: string | null): {
  readonly published: LabPublished;
  readonly retry: () => void;
} {
  const [published, setPublished] = useState<LabPublished>({ status: 'off' });
  const [asked, setAsked] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `asked` is listed only so that a retry asks again
  useEffect(() => {
    if (userId === null) {
      setPublished({ status: 'off' });
      return;
    }
    let live = true;
    setPublished({ status: 'loading' });
    (async () => {
      const { publishedLabScenarios } = await import('../labClient/labScenariosApi');
      const scenarios = await publishedLabScenarios(await labClient());
      if (live) setPublished({ status: 'listed', scenarios });
    })().catch((err: unknown) => {
      if (live) setPublished({ status: 'failed', reason: err instanceof Error ? err.message : String(err) });
    });
    return () => {
      live = false;
    };
  }, [userId, asked]);
  const retry = useCallback(() => setAsked((n) => n + 1), []);
  return { published, retry };
}
