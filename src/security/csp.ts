/**
 * The Content-Security-Policy of the built app, in one place: `vite.config.ts` writes it into every
 * built page as a `<meta http-equiv>` (the dev server does without, so HMR keeps its inline
 * client), and the lab server (`server/`) sends CSP_HEADER as an HTTP header. Plain data, no
 * imports: the build, the server and the tests read it alike.
 *
 * Each source, and why:
 * - `default-src 'self'`: anything not listed below (fetch of level and plan chunks, fonts, the
 *   manifest) comes from this origin only.
 * - `script-src 'self'`: the bundle's own files. No 'unsafe-eval' (pixi.js runs through
 *   `pixi.js/unsafe-eval`, zod with `jitless`), no inline script (Vite emits none).
 * - `worker-src 'self'`: the replay and projection workers are built files of this origin.
 * - `style-src 'self'`: the built CSS files. React's `style` props and pixi's canvas styles go
 *   through the CSSOM, which a style policy does not govern, so no 'unsafe-inline' is needed.
 * - `img-src 'self' data:`: icons, and the stored X-ray images, which the monitors keep as
 *   `data:` JPEG URLs (canvas.toDataURL).
 * - `connect-src 'self'`: stated, not inherited, so that widening default-src later does not
 *   widen where data may be sent.
 * - `object-src 'none'`, `base-uri 'none'`, `form-action 'none'`: no plugins, no `<base>`
 *   rewriting relative URLs, no form posts (these three do not fall back to default-src).
 */
const DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

const text = (directives: readonly (readonly string[])[]) => directives.map((d) => d.join(' ')).join('; ');

/** The policy for the page's `<meta http-equiv="Content-Security-Policy">`. */
export const CSP_META = text(DIRECTIVES);

/**
 * The policy as an HTTP header (the lab server): the meta policy plus `frame-ancestors 'none'`,
 * which a meta tag cannot carry (no site may frame the simulator, against clickjacking).
 */
export const CSP_HEADER = text([...DIRECTIVES, ['frame-ancestors', "'none'"]]);
