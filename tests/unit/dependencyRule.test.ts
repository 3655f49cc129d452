import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractBabelConfig from 'dependency-cruiser/config-utl/extract-babel-config';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule (.dependency-cruiser.cjs, docs/architecture.md) as the test suite sees it:
 * the real tree has no violation, and a miniature tree that breaks each rule once
 * (tests/fixtures/dependency-rule) is caught on every count, type-only imports included, so the
 * rule cannot silently stop working (for example if TypeScript files stopped being parsed).
 */
const ROOT = join(__dirname, '..', '..');
const require = createRequire(import.meta.url);
const config = require(join(ROOT, '.dependency-cruiser.cjs'));

async function cruiseTree(baseDir: string, globs: string[]): Promise<ICruiseResult> {
  const babelConfig = await extractBabelConfig(join(ROOT, config.options.babelConfig.fileName));
  const result = await cruise(
    globs,
    {
      ...config.options,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      baseDir,
      tsConfig: undefined,
      babelConfig: undefined,
    },
    {},
    { babelConfig },
  );
  return result.output as ICruiseResult;
}

const brief = (v: IViolation): string => `${v.rule.name}: ${v.from} -> ${v.to}`;

describe('the dependency rule', () => {
  it('finds no cycle and no upward import in the real tree', async () => {
    const result = await cruiseTree(ROOT, [
      'src/**/*.{ts,tsx}',
      'sim/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'server/**/*.{ts,mjs}',
    ]);
    expect(result.summary.totalCruised).toBeGreaterThan(250);
    expect(result.summary.violations.map(brief)).toEqual([]);
  }, 60_000);

  it('catches each kind of violation in a tree built to break them', async () => {
    const fixture = join(ROOT, 'tests', 'fixtures', 'dependency-rule');
    const result = await cruiseTree(fixture, ['src/**/*.ts', 'sim/**/*.ts', 'server/**/*.ts']);
    const rules = new Set(result.summary.violations.map((v) => v.rule.name));
    expect([...rules].sort()).toEqual(
      [
        'features-stay-apart',
        'no-circular',
        'nothing-imports-the-server',
        'server-imports-no-app',
        'sim-only-through-its-public-face',
        'sim-stays-pure',
        'ui-sits-below-features-and-services',
      ].sort(),
    );
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular').map((v) => v.from);
    // The type-only cycle is found too (the Babel reader keeps type imports).
    expect(cycles).toContain('sim/session/snapshot.ts');
  }, 60_000);
});
