import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { AttemptError, parseAttemptFile, parseAttemptText } from '../../sim/attempt/attemptFile';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import {
  MAX_ATTEMPT_FILE_BYTES,
  MAX_FINDINGS,
  MAX_ID_LENGTH,
  MAX_LOG_ENTRIES,
  MAX_PROCEDURE_TICKS,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  utf8ByteLength,
} from '../../sim/core/bounds';
import { goldenPath, GOLDEN_CASES } from './goldenFixtures';

const attempt = () => JSON.parse(readFileSync(goldenPath(GOLDEN_CASES[0].name), 'utf8')).attempt;
const scenario = (): Record<string, any> => JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8'));
/** An attempt whose scenario was edited and its hash recomputed, so only the edit is judged. */
const withScenario = (edit: (s: Record<string, any>) => void) => {
  const a = attempt();
  edit(a.scenario);
  a.scenarioHash = scenarioHash(a.scenario);
  return a;
};

describe('attempt file bounds', () => {
  it.each([
    ['an endTick beyond the longest procedure', () => ({ ...attempt(), endTick: 2 ** 53 - 1 }), /endTick/],
    [
      'a log tick beyond the longest procedure',
      () => {
        const a = attempt();
        a.log[a.log.length - 1].tick = MAX_PROCEDURE_TICKS + 1;
        a.endTick = MAX_PROCEDURE_TICKS;
        return a;
      },
      /log\.\d+\.tick/,
    ],
    [
      'a log longer than the largest log',
      () => {
        const a = attempt();
        const entry = a.log[0];
        a.log = Array.from({ length: MAX_LOG_ENTRIES + 1 }, () => entry);
        return a;
      },
      /log/,
    ],
    ['a huge appVersion', () => ({ ...attempt(), appVersion: 'x'.repeat(10_000) }), /appVersion/],
    ['a seed of 2^32', () => ({ ...attempt(), seed: 2 ** 32 }), /seed/],
  ])('refuses %s', (_name, make, message) => {
    expect(() => parseAttemptFile(make())).toThrow(AttemptError);
    expect(() => parseAttemptFile(make())).toThrow(message);
  });

  it('accepts an endTick exactly at the longest procedure', () => {
    expect(parseAttemptFile({ ...attempt(), endTick: MAX_PROCEDURE_TICKS }).endTick).toBe(MAX_PROCEDURE_TICKS);
  });

  it('checks the size of the text before parsing it', () => {
    const padding = ' '.repeat(MAX_ATTEMPT_FILE_BYTES);
    expect(() => parseAttemptText(`${JSON.stringify(attempt())}${padding}`)).toThrow(/too large/);
  });

  it('accepts a UTF-8 byte-order mark, as the browser does', () => {
    expect(parseAttemptText(`\ufeff${JSON.stringify(attempt())}`).seed).toBe(42);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8ByteLength('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});

describe('scenario bounds', () => {
  it.each([
    ['a title beyond the longest', (s: Record<string, any>) => (s.title = 'x'.repeat(MAX_TITLE_LENGTH + 1)), /title/],
    ['an id beyond the longest', (s: Record<string, any>) => (s.id = 'a'.repeat(MAX_ID_LENGTH + 1)), /id/],
    ['an id that is not a slug', (s: Record<string, any>) => (s.id = '-l1--wedge-'), /id/],
    [
      'a history beyond the longest free text',
      (s: Record<string, any>) => (s.patient.history = 'x'.repeat(MAX_TEXT_LENGTH + 1)),
      /patient\.history/,
    ],
    ['a control character in a title', (s: Record<string, any>) => (s.title = 'L1\u0007 wedge'), /title/],
    ['a newline in a title', (s: Record<string, any>) => (s.title = 'L1\nwedge'), /title/],
    [
      'HTML in a finding',
      (s: Record<string, any>) => (s.patient.findings[0].text = '<img src=x onerror=alert(1)>'),
      /patient\.findings\.0\.text/,
    ],
    ['no findings', (s: Record<string, any>) => (s.patient.findings = []), /patient\.findings/],
    [
      'too many findings',
      (s: Record<string, any>) =>
        (s.patient.findings = Array.from({ length: MAX_FINDINGS + 1 }, () => s.patient.findings[0])),
      /patient\.findings/,
    ],
    ['a pass score of 0', (s: Record<string, any>) => (s.scoring.passScore = 0), /scoring\.passScore/],
    ['a pass score above 100', (s: Record<string, any>) => (s.scoring.passScore = 100.5), /scoring\.passScore/],
    ['an expert plan that is not a slug', (s: Record<string, any>) => (s.scoring.expertPlan = '../x'), /expertPlan/],
    ['a version of 0', (s: Record<string, any>) => (s.version = 0), /version/],
  ])('refuses %s', (_name, edit, message) => {
    const s = scenario();
    edit(s);
    expect(() => parseScenario(s)).toThrow(message);
    // The same bound holds for a scenario embedded in an attempt file.
    expect(() => parseAttemptFile(withScenario(edit))).toThrow(AttemptError);
  });

  it('accepts the bundled scenarios with a pass score of 100 and an explicit version', () => {
    const s = scenario();
    s.scoring.passScore = 100;
    s.version = 2;
    expect(parseScenario(s).version).toBe(2);
  });
});
