/** What the lab server says of an attempt's score, as the history and the debrief show it. */
export type ServerScoreView =
  | { readonly kind: 'scored'; readonly total: number; readonly passed: boolean; readonly simVersion: string }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'failed'; readonly why: string | null }
  | { readonly kind: 'none' };

export function serverScoreText(view: ServerScoreView): string {
  switch (view.kind) {
    case 'scored':
      return `${view.total.toFixed(1)} ${view.passed ? 'PASS' : 'FAIL'}, scored by the lab server, sim version ${view.simVersion}`;
    case 'waiting':
      return "waiting for the lab server's score";
    case 'failed':
      return `the lab server could not score it${view.why ? `: ${view.why}` : ''}`;
    case 'none':
      return 'not on the lab server';
  }
}

/** One line with the lab server's verdict on the attempt (nothing when the app is standalone). */
export function ServerScoreNote({ view }: { view: ServerScoreView | null }) {
  if (!view) return null;
  return (
    <p
      className={`server-score ${view.kind}`}
      data-testid="server-score"
      data-kind={view.kind}
      data-total={view.kind === 'scored' ? view.total : undefined}
    >
      {serverScoreText(view)}
    </p>
  );
}
