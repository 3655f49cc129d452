/**
 * Where the app may offer a waiting new version. Reloading throws away whatever the page holds in
 * memory, so the offer is made only where nothing is lost: the menu (no case open) and the debrief
 * (the attempt is finished and already saved). Everywhere else the new version waits: above all in
 * a procedure and in an exam, where a reload would interrupt the trainee mid-case, but also in the
 * editor (an unsaved draft), the live viewer and the instructor's screens, which are not a trainee's
 * place to be interrupted either. The list is closed: a screen added later shows no notice until it
 * is named here.
 */
export const UPDATE_SCREENS: ReadonlySet<string> = new Set(['menu', 'debrief']);

/** May the "a new version is ready" notice show on the screen of this kind (App.tsx's `screen.kind`)? */
export function mayOfferUpdate(screenKind: string): boolean {
  return UPDATE_SCREENS.has(screenKind);
}
