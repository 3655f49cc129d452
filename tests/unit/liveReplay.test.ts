import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { toAttemptFile } from '../../sim/attempt';
import type { Command } from '../../sim/core';
import { createSession } from '../../sim/session';
import type { AttemptMessage } from '../../src/labClient/liveApi';
import { foldMessages, NO_MESSAGES } from '../../src/labClient/stationMessages';
import { startLiveReplay } from '../../src/live/liveReplay';
import { watchedAttemptOf } from '../../src/live/watchAddress';

const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
const COMMANDS: Command[] = [
  { type: 'checklist.tick', item: 'history' },
  { type: 'checklist.tick', item: 'imaging' },
  { type: 'checklist.tick', item: 'candidacy' },
  { type: 'phase.next' },
  { type: 'checklist.tick', item: 'consent' },
];

/** The attempt file a station would upload after the first `count` commands, each a second after the last. */
function stationFile(count: number) {
  const session = createSession(scenario, 42, { mode: 'practice' });
  for (const c of COMMANDS.slice(0, count)) {
    session.advance(1);
    expect(session.dispatch(c).accepted).toBe(true);
  }
  session.advance(0.5);
  return { file: JSON.parse(JSON.stringify(toAttemptFile(session, '0.1.0'))), session };
}

describe('the live replay', () => {
  it('the stored file, then each upload’s new entries: the state the station had at its last upload', () => {
    const live = startLiveReplay(stationFile(1).file);
    expect(live.applied).toBe(1);
    const three = stationFile(3).file;
    live.append(1, three.log.slice(1), three.endTick);
    const { file: five, session: station } = stationFile(5);
    live.append(3, five.log.slice(3), five.endTick);
    expect(live.applied).toBe(5);
    expect(live.session.tick).toBe(station.tick);
    expect(live.session.snapshot()).toEqual(station.snapshot());
  });

  it('entries that do not follow on are refused with the reason', () => {
    const three = stationFile(3).file;
    const live = startLiveReplay(stationFile(1).file);
    expect(() => live.append(2, three.log.slice(2), three.endTick)).toThrow(/from 2, but 1 are applied/);
    const ahead = startLiveReplay(stationFile(3).file);
    expect(() => ahead.append(3, [{ tick: 1, command: { type: 'phase.next' } }], 400)).toThrow(/at tick 1/);
    const refused = startLiveReplay(stationFile(1).file);
    expect(() =>
      refused.append(1, [{ tick: refused.session.tick, command: { type: 'balloon.inflate', ml: 1 } as never }], 999),
    ).toThrow();
  });

  it('a file that is not an attempt is refused before anything is replayed', () => {
    expect(() => startLiveReplay({ format: 'something else' })).toThrow();
  });
});

const message = (seq: number, kind: AttemptMessage['kind'], text: string | null = null): AttemptMessage => ({
  seq,
  kind,
  text,
  from: { id: 'i', displayName: 'Ines' },
  sentAt: '2026-12-03T22:00:00.000Z',
});

describe("the station's messages", () => {
  it('notes queue up; the clock is paused by a pause no resume followed; a repeated answer changes nothing', () => {
    const a = foldMessages(NO_MESSAGES, [message(1, 'note', 'one'), message(2, 'pause'), message(3, 'note', 'two')]);
    expect(a.notes.map((n) => n.text)).toEqual(['one', 'two']);
    expect(a.pausedBy).toBe('Ines');
    expect(foldMessages(a, [message(2, 'pause'), message(3, 'note', 'two')])).toEqual(a);
    const b = foldMessages(a, [message(4, 'resume')]);
    expect(b.pausedBy).toBeNull();
    expect(b.lastSeq).toBe(4);
  });
});

describe('the watch address', () => {
  it('?watch= takes an attempt id (a UUID), nothing else', () => {
    expect(watchedAttemptOf('?watch=0B6E3F8E-1111-4222-8333-944455556666')).toBe(
      '0b6e3f8e-1111-4222-8333-944455556666',
    );
    expect(watchedAttemptOf('?watch=../api/session')).toBeNull();
    expect(watchedAttemptOf('?seed=4')).toBeNull();
  });
});
