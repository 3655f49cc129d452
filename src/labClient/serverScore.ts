import { useEffect, useState } from 'react';
import type { ServerScoreView } from '../ui/ServerScoreNote';
import type { ServerAttemptSummary } from './labApiTypes';
import { LabApiError } from './labApiError';
import { fetchServerAttempt, useLab } from './labSession';

/** How often the debrief asks again while the lab server is scoring (its job queue runs in seconds). */
export const SCORE_POLL_MS = 3_000;

/**
 * The lab server's word on one attempt: its score once scored; "waiting" while the attempt waits
 * in this browser's upload queue or the server's scoring queue; what failed otherwise.
 */
export function serverScoreView(summary: ServerAttemptSummary | undefined, uploadWaiting: boolean): ServerScoreView {
  if (uploadWaiting) return { kind: 'waiting' };
  if (!summary) return { kind: 'none' };
  if (summary.score && summary.scoring === 'done')
    return {
      kind: 'scored',
      total: summary.score.total,
      passed: summary.score.passed,
      simVersion: summary.score.simVersion,
    };
  if (summary.scoring === 'failed') return { kind: 'failed', why: null };
  // An attempt in progress is not scored until it ends; a finished one is queued or running.
  return summary.status === 'in-progress' ? { kind: 'none' } : { kind: 'waiting' };
}

/**
 * React hook for the debrief: the lab server's view of attempt `id`, asked again every
 * SCORE_POLL_MS while it is waiting. Null when the app is standalone or nobody is signed in.
 */
export function useServerScore(id: string | undefined): ServerScoreView | null {
  const lab = useLab();
  const signedIn = lab.mode === 'lab' && lab.user !== null;
  const uploadWaiting = id !== undefined && lab.uploads.waiting.some((e) => e.attemptId === id);
  const [view, setView] = useState<ServerScoreView | null>(null);

  useEffect(() => {
    if (!signedIn || !id) {
      setView(null);
      return;
    }
    if (uploadWaiting) {
      setView({ kind: 'waiting' });
      return;
    }
    let live = true;
    let timer = 0;
    const look = async () => {
      let next: ServerScoreView;
      try {
        const detail = await fetchServerAttempt(id);
        next = serverScoreView(detail, false);
        if (next.kind === 'failed') next = { kind: 'failed', why: detail.scoringError };
      } catch (err) {
        next = err instanceof LabApiError && err.status === 404 ? { kind: 'none' } : { kind: 'waiting' };
      }
      if (!live) return;
      setView(next);
      if (next.kind === 'waiting') timer = window.setTimeout(() => void look(), SCORE_POLL_MS);
    };
    void look();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [signedIn, id, uploadWaiting]);

  return view;
}
