/**
 * Zod compiles object parsers with `new Function` unless told not to, and probes for it with a
 * caught `new Function('')`; under the app's policy (security/csp.ts, no 'unsafe-eval') even the
 * probe is reported as a violation. Every realm that parses with zod under that policy (the page,
 * each worker) imports this module FIRST, before any module that builds a schema: zod decides
 * whether to compile when a schema is built, not when it parses.
 *
 * This writes zod's own global config object (`globalThis.__zod_globalConfig`, which zod 4 creates
 * only when absent and shares between its copies) instead of calling `z.config`, so that the
 * page's first chunk does not have to carry zod: the schemas load with the screens that use them.
 */
const realm = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
realm.__zod_globalConfig ??= {};
realm.__zod_globalConfig.jitless = true;

export {};
