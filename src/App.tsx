import { lazy, Suspense, useCallback, useState } from 'react';
import { MenuScreen, type MenuState } from './screens/MenuScreen';
import type { CaseStart, FinishedAttempt } from './screens/screenTypes';
import { initialSeed } from './game/initialSeed';

// The procedure and debrief screens pull in the simulation (matter-js, xstate) and the
// renderer (pixi.js): loaded on demand so the menu's first chunk stays small.
const ProcedureScreen = lazy(() => import('./screens/ProcedureScreen'));
const DebriefScreen = lazy(() => import('./screens/DebriefScreen'));

type Screen =
  | { readonly kind: 'menu' }
  | { readonly kind: 'procedure'; readonly start: CaseStart; readonly runId: number }
  | { readonly kind: 'debrief'; readonly attempt: FinishedAttempt };

/** The app: menu -> procedure (case review included) -> debrief -> menu. */
export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'menu' });
  const [menu, setMenu] = useState<MenuState>(() => ({ selected: 0, mode: 'practice', seed: initialSeed() }));

  const start = useCallback((s: CaseStart) => setScreen({ kind: 'procedure', start: s, runId: Date.now() }), []);
  const finish = useCallback((attempt: FinishedAttempt) => setScreen({ kind: 'debrief', attempt }), []);
  const toMenu = useCallback(() => {
    // A new attempt gets a new seed unless the URL pins one.
    setMenu((m) => ({ ...m, seed: initialSeed() }));
    setScreen({ kind: 'menu' });
  }, []);

  return (
    <Suspense fallback={<div className="loading">Loading…</div>}>
      {screen.kind === 'menu' && <MenuScreen state={menu} onChange={setMenu} onStart={start} />}
      {screen.kind === 'procedure' && (
        <ProcedureScreen key={screen.runId} start={screen.start} onFinished={finish} onAbort={toMenu} />
      )}
      {screen.kind === 'debrief' && <DebriefScreen attempt={screen.attempt} onMenu={toMenu} />}
    </Suspense>
  );
}
