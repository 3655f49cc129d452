/**
 * The dependency rule (docs/architecture.md): dependencies point one way, and this file is the
 * rule a tool checks, not a convention. `npm run lint:deps` runs it; `npm test` runs it first.
 *
 * Layers, top to bottom:
 *   src/App.tsx, src/main.tsx                    the app shell: picks the screen
 *   src/<feature>/  menu procedure debrief       what a user does; features never import each other
 *                   history lab editor live      (the shell hands data between them; live shows the
 *                                                procedure's own monitors and panels)
 *                   instructor
 *   src/<service>/  replay render record         browser services the features use
 *                   keyboard scenarios settings labClient pwa
 *   src/ui/                                      shared presentational pieces, labels, formatting
 *   src/attempt/                                 plain types handed from one feature to another
 *   sim/ (through its public face)               the engine: pure, knows nothing above it
 *   server/ (beside src/)                        the lab server: sim/ through its public face, levels/, and of
 *                                                the app only src/security/csp.ts and src/attempt/attemptReview.ts
 */
const FEATURES = '(menu|procedure|debrief|history|lab|editor|instructor|live)';
const SERVICES = '(replay|render|record|keyboard|scenarios|settings|labClient|pwa)';
const SHELL = '^src/(App|main)\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'sim-stays-pure',
      severity: 'error',
      comment: 'sim/ is the engine: it never imports the browser app, the server, scripts or tests, nor pixi or react.',
      from: { path: '^sim/' },
      to: { path: ['^src/', '^server/', '^scripts/', '^tests/', 'node_modules/(pixi\\.js|react|react-dom|@pixi)/'] },
    },
    {
      name: 'sim-only-through-its-public-face',
      severity: 'error',
      comment:
        'src/, server/ and scripts/ import sim/ through one index module per concern, so the engine can be reorganised without touching them.',
      from: { path: '^(src|server|scripts)/' },
      to: { path: '^sim/', pathNot: '^sim/[^/]+/index\\.ts$' },
    },
    {
      name: 'security-stands-alone',
      comment:
        'src/security/ (the Content-Security-Policy) is read by the build, the app and the lab server alike: it imports nothing.',
      severity: 'error',
      from: { path: '^src/security/' },
      to: { path: ['^src/', '^sim/', '^server/', '^scripts/', '^levels/'] },
    },
    {
      name: 'server-imports-no-app',
      severity: 'error',
      comment:
        'The lab server (server/) runs on Node: of src/ it reads only the Content-Security-Policy it sends as a header (src/security/csp.ts) and the rating items instructors rate attempts on (src/attempt/attemptReview.ts); both import nothing.',
      from: { path: '^server/' },
      to: { path: '^src/', pathNot: '^src/(security/csp|attempt/attemptReview)\\.ts$' },
    },
    {
      name: 'nothing-imports-the-server',
      severity: 'error',
      comment: 'The server sits on top: the app, the engine, the scenarios and the scripts never import it.',
      from: { path: '^(src|sim|levels|scripts)/' },
      to: { path: '^server/' },
    },
    {
      name: 'nothing-imports-the-shell',
      severity: 'error',
      comment: 'Only the shell composes features; nothing below it imports it.',
      from: { path: '^src/', pathNot: SHELL },
      to: { path: SHELL },
    },
    {
      name: 'features-stay-apart',
      severity: 'error',
      comment: 'A feature never imports another feature: the shell hands data between them.',
      from: { path: `^src/${FEATURES}/`, pathNot: '^src/live/' },
      to: { path: `^src/${FEATURES}/`, pathNot: '^src/$1/' },
    },
    {
      name: 'live-viewer-shows-the-procedure-panels',
      severity: 'error',
      comment:
        "The live viewer shows an instructor exactly the trainee's monitors and panels: it may use the procedure's panels and snapshot store, and no other part of another feature.",
      from: { path: '^src/live/' },
      to: { path: `^src/${FEATURES}/`, pathNot: ['^src/live/', '^src/procedure/(panels|loop|input)/'] },
    },
    {
      name: 'services-never-import-features',
      severity: 'error',
      comment: 'Services (storage, replay, rendering, keyboard) sit below the features that use them.',
      from: { path: `^src/${SERVICES}/` },
      to: { path: `^src/${FEATURES}/` },
    },
    {
      name: 'ui-sits-below-features-and-services',
      severity: 'error',
      comment: 'Shared UI pieces take what they show as props; they import no feature and no service.',
      from: { path: '^src/ui/' },
      to: { path: [`^src/${FEATURES}/`, `^src/${SERVICES}/`] },
    },
    {
      name: 'attempt-types-are-the-floor',
      severity: 'error',
      comment: 'The hand-off types import nothing else of src/.',
      from: { path: '^src/attempt/' },
      to: { path: '^src/', pathNot: '^src/attempt/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    babelConfig: { fileName: 'scripts/depcruise/babel.config.cjs' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    exclude: { path: ['^dist/', '\\.css$'] },
  },
};
