import { createActor } from 'xstate';
import type { Scenario } from '../../levels/scenarioSchema';
import type { Command, LogEntry } from '../core/commands';
import type { TimedEvent } from '../core/events';
import type { DispatchResult, Session } from './sessionTypes';
import type { TrainingMode } from '../core/trainingMode';
import type { SimSnapshot } from './snapshot';
import { FIXED_DT_S, TICKS_PER_S } from '../core/constants';
import { isSeed, MAX_PROCEDURE_TICKS, seedError } from '../core/bounds';
import { checkCommand } from '../core/commandSchema';
import { createRng } from '../math/rng';
import { World, type WorldOptions } from './world';
import { procedureMachine } from '../procedure/procedureMachine';
import { accepts } from '../procedure/accepts';
import { allowedCommandTypes } from '../procedure/allowedCommands';
import { nextExchangeStep } from '../procedure/nextExchangeStep';
import { refusalReason } from '../procedure/refusalReason';
import { checklistOf, phaseOf, stateValueString } from '../procedure/phases';

/** Longest single time.wait, seconds: fast-forwarding is capped so a UI key cannot freeze the page. */
const MAX_WAIT_S = 600;

/**
 * Create a session: the one entry point to the simulation. Same scenario + seed + command log
 * gives the same final state, in Node and in the browser.
 */
export function createSession(
  scenario: Scenario,
  seed: number,
  options: { mode?: TrainingMode; stepShortcuts?: WorldOptions['stepShortcuts'] } = {},
): Session {
  // A seed outside 0..2^32-1 is refused, never wrapped: 2^32 + 42 would silently be patient 42.
  if (!isSeed(seed)) throw new RangeError(seedError(seed));
  const mode = options.mode ?? 'practice';
  const world = new World(scenario, createRng(seed), { stepShortcuts: options.stepShortcuts });
  const actor = createActor(procedureMachine, {
    input: {
      procedure: scenario.procedure,
      approach: scenario.approach,
      carm: scenario.equipment.carm,
      mode,
      levels: scenario.secondLevel ? 2 : 1,
    },
  });
  actor.start();

  const log: LogEntry[] = [];
  const events: TimedEvent[] = [];
  let tick = 0;
  let accumulatorS = 0;
  let cached: SimSnapshot | null = null;

  const stepOnce = (): void => {
    const produced = world.step(FIXED_DT_S);
    for (const event of produced) {
      events.push({ tick, event });
      if (actor.getSnapshot().status === 'active') actor.send(event);
    }
    tick++;
    cached = null;
  };

  // Once the machine reaches the debrief the attempt is over and its clock stops, so the final
  // state (and endTick) is the same whenever the attempt is scored, saved or downloaded. The clock
  // also stops at the longest procedure (sim/core/bounds.ts), so every attempt a session records
  // is one a replay accepts.
  const stepTicks = (n: number): void => {
    for (let i = 0; i < n && tick < MAX_PROCEDURE_TICKS && actor.getSnapshot().status === 'active'; i++) stepOnce();
  };

  const dispatch = (input: Command): DispatchResult => {
    const checked = checkCommand(input);
    if (!checked.ok) return { accepted: false, reason: `Invalid command (${checked.error}).` };
    const command = checked.command;
    const machine = actor.getSnapshot();
    if (machine.status !== 'active') return { accepted: false, reason: 'The procedure is over.' };
    if (!accepts(machine, command)) return { accepted: false, reason: refusalReason(machine, command) };
    // The patient's own limits (a drug's most per procedure): the machine knows phases, not doses.
    const limit = world.refusal(command);
    if (limit) return { accepted: false, reason: limit };
    log.push({ tick, command });
    actor.send(command);
    world.apply(command);
    // Facts of the command itself (where the skin mark is) reach the machine before the next command.
    for (const event of world.takeCommandEvents()) {
      events.push({ tick, event });
      actor.send(event);
    }
    cached = null;
    if (command.type === 'time.wait') stepTicks(Math.round(Math.min(command.s, MAX_WAIT_S) * TICKS_PER_S));
    return { accepted: true };
  };

  const snapshot = (): SimSnapshot => {
    if (cached) return cached;
    const machine = actor.getSnapshot();
    cached = Object.freeze({
      tick,
      timeS: tick * FIXED_DT_S,
      seed,
      phase: phaseOf(machine),
      stateValue: stateValueString(machine),
      allowed: allowedCommandTypes(machine),
      nextExchangeStep: nextExchangeStep(machine),
      checklist: checklistOf(machine),
      anatomy: world.anatomy,
      treatedAnatomy: world.treatedAnatomy(),
      levels: world.levelViews(),
      carm: world.carmView(),
      skinMark: world.skinMarkView(),
      dose: world.doseView(),
      trocar: world.trocarView(),
      trocars: world.trocarViews(),
      balloon: world.balloonView(),
      cement: world.cementView(),
      height: world.heightView(),
      patient: world.patientView(),
      events: events.slice(),
      finished: machine.status === 'done',
    });
    return cached;
  };

  return {
    scenario,
    seed,
    mode,
    dispatch,
    advance(dtS: number) {
      if (!(dtS > 0) || !Number.isFinite(dtS)) return;
      accumulatorS += dtS;
      const n = Math.floor(accumulatorS / FIXED_DT_S + 1e-9);
      accumulatorS -= n * FIXED_DT_S;
      stepTicks(n);
    },
    stepTicks,
    snapshot,
    get tick() {
      return tick;
    },
    get log() {
      return log;
    },
    get events() {
      return events;
    },
  };
}
