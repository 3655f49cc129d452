import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * sim/ must stay pure and deterministic (docs/architecture.md): no DOM, no pixi, no react, nothing from src/,
 * no Math.random and no wall clock. tsconfig.sim.json (no DOM lib) catches DOM globals at type
 * check; this test catches what a type check cannot.
 */
const ROOT = join(__dirname, '..', '..');
const SIM = join(ROOT, 'sim');

/**
 * The one file allowed to read the wall clock: the headless runner is the engine's I/O edge (it
 * reads and writes files) and, like the replay worker in the browser, gives a replay its time
 * budget through ReplayOptions.shouldContinue. Nothing it drives reads the clock.
 */
const CLOCK_EXEMPT: readonly string[] = ['sim/cli.ts'];

const FORBIDDEN: readonly { pattern: RegExp; why: string; exempt?: readonly string[] }[] = [
  { pattern: /from\s+['"]pixi\.js['"]|import\(\s*['"]pixi\.js['"]/, why: 'imports pixi.js' },
  { pattern: /from\s+['"]react(-dom)?(\/[^'"]*)?['"]/, why: 'imports react' },
  { pattern: /from\s+['"](\.\.\/)+src\//, why: 'imports from src/' },
  { pattern: /Math\.random\s*\(/, why: 'uses Math.random (use the seeded Rng)' },
  {
    pattern: /Date\.now\s*\(|new\s+Date\s*\(|performance\.now\s*\(/,
    why: 'reads the wall clock',
    exempt: CLOCK_EXEMPT,
  },
  { pattern: /\b(setTimeout|setInterval|requestAnimationFrame)\s*\(/, why: 'schedules on wall time' },
  { pattern: /\b(window|document|localStorage|navigator)\./, why: 'touches a DOM global' },
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Strip comments so a doc comment that names a forbidden thing is not a violation. */
const stripComments = (src: string): string => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

export function violations(files: readonly { path: string; source: string }[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const code = stripComments(f.source);
    for (const rule of FORBIDDEN) {
      if (rule.exempt?.includes(f.path.split('\\').join('/'))) continue;
      if (rule.pattern.test(code)) out.push(`${f.path}: ${rule.why}`);
    }
  }
  return out;
}

describe('sim/ purity', () => {
  it('has no forbidden imports or non-deterministic calls', () => {
    const files = tsFiles(SIM).map((p) => ({ path: relative(ROOT, p), source: readFileSync(p, 'utf8') }));
    expect(files.length).toBeGreaterThan(10);
    expect(violations(files)).toEqual([]);
  });

  it('would catch each kind of violation', () => {
    const bad = [
      "import { Application } from 'pixi.js';",
      "import { useState } from 'react';",
      "import { x } from '../../src/render/x';",
      'const r = Math.random();',
      'const t = Date.now();',
      'setTimeout(() => 0, 10);',
      'window.addEventListener("x", f);',
    ];
    for (const source of bad) expect(violations([{ path: 'x.ts', source }])).toHaveLength(1);
    expect(violations([{ path: 'ok.ts', source: '// Math.random() is forbidden\nconst a = 1;' }])).toEqual([]);
  });
});
