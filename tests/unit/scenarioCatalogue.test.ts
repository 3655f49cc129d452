import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_PATH, catalogueMarkdown, filmPath, loadLibrary } from '../../scripts/catalogue/scenarioCatalogue';

describe('docs/scenarios.md', () => {
  const library = loadLibrary();

  it('is what the scenario files make (run npm run catalogue after changing a scenario)', () => {
    expect(readFileSync(CATALOGUE_PATH, 'utf8')).toBe(catalogueMarkdown(library));
  });

  it('lists every case once, in curriculum order, with its right decision', () => {
    const text = catalogueMarkdown(library);
    for (const s of library) expect(text.split(`\n## ${s.id}\n`).length, s.id).toBe(2);
    const orders = library.map((s) => s.teaching?.order ?? 0);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    const declined = library.filter((s) => s.indication?.decision === 'decline');
    expect(declined.length).toBeGreaterThan(0);
    for (const s of declined)
      expect(text).toMatch(new RegExp(`\\[${s.title.replace(/[()]/g, '\\$&')}\\][^\\n]*decline:`));
  });

  it('shows each case with its pre-operative film, committed beside the page', () => {
    const text = catalogueMarkdown(library);
    for (const s of library) {
      expect(existsSync(filmPath(s.id)), filmPath(s.id)).toBe(true);
      // A PNG, not an empty or stray file.
      expect(readFileSync(filmPath(s.id)).subarray(1, 4).toString('latin1'), s.id).toBe('PNG');
      expect(text).toContain(`](${filmPath(s.id).replace('docs/', '')})`);
    }
  });
});
