import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => execFileSync('npx', ['tsx', 'sim/cli.ts', ...args], { encoding: 'utf8' });

describe('npm run sim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kyphosim-cli-'));
  const attempt = join(dir, 'attempt.json');
  const planArgs = ['plan', 'levels/plans/textbook-kyphoplasty.json', '--scenario', 'levels/l1-osteoporotic-wedge.json', '--seed', '7'];

  it('prints the same bytes twice for the same scenario, plan and seed', () => {
    const a = cli(...planArgs, '--attempt', attempt);
    const b = cli(...planArgs);
    expect(a).toBe(b);
    const out = JSON.parse(a);
    expect(out.metrics.finished).toBe(true);
    expect(typeof out.score.total).toBe('number');
  });

  it('replays a saved attempt to the same outcome', () => {
    const planned = JSON.parse(cli(...planArgs));
    const replayed = JSON.parse(cli('replay', attempt));
    expect(replayed).toEqual(planned);
    expect(JSON.parse(readFileSync(attempt, 'utf8')).format).toBe('kyphosim-attempt');
  });

  it('names the problem in a bad scenario and exits non-zero', () => {
    expect(() => execFileSync('npx', ['tsx', 'sim/cli.ts', 'validate', 'package.json'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/schemaVersion/);
  });
});
