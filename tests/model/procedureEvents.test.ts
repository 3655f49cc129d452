import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { transition } from 'xstate';
import { type Command, COMMAND_TYPES, type CommandType } from '../../sim/core/commands';
import { accepts } from '../../sim/procedure/accepts';
import { allowedCommandTypes } from '../../sim/procedure/allowedCommands';
import { nextExchangeStep } from '../../sim/procedure/nextExchangeStep';
import { PHASES, type PhaseId, phaseOf } from '../../sim/procedure/phases';
import { procedureMachine } from '../../sim/procedure/procedureMachine';
import { refusalReason } from '../../sim/procedure/refusalReason';
import { CONCRETE_COMMANDS } from './concreteCommands';
import {
  actorAt,
  COMMAND_EVENT_SAMPLES,
  DOMAIN_EVENT_SAMPLES,
  GRAPH_EVENTS,
  INPUTS,
  isCommand,
  procedurePaths,
  startProcedure,
  WRONG_LEVEL_EVENT,
} from './procedureHarness';

describe('domain events are facts, never refused', () => {
  it.each(Object.values(INPUTS))(
    'every event in every reachable state ($procedure $approach) is taken without error, and never changes the phase',
    (input) => {
      for (const path of procedurePaths(input)) {
        if (path.state.status !== 'active') continue;
        for (const event of DOMAIN_EVENT_SAMPLES) {
          const [next] = transition(procedureMachine, path.state, event);
          expect(next.status).toBe('active');
          expect(phaseOf(next)).toBe(phaseOf(path.state));
        }
      }
    },
  );

  it('a wrong-level puncture ends the procedure from access, and is ignored in every other phase', () => {
    for (const input of Object.values(INPUTS)) {
      for (const path of procedurePaths(input)) {
        if (path.state.status !== 'active') continue;
        const [next] = transition(procedureMachine, path.state, WRONG_LEVEL_EVENT);
        if (phaseOf(path.state) === 'access') expect(next.status).toBe('done');
        else expect(phaseOf(next)).toBe(phaseOf(path.state));
      }
    }
  });

  it('may still arrive after the debrief without throwing (xstate only warns in development builds)', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'debrief');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const event of DOMAIN_EVENT_SAMPLES) expect(() => actor.send(event)).not.toThrow();
    warn.mockRestore();
    expect(actor.getSnapshot().value).toBe('debrief');
  });
});

/** Releasing the pedal is accepted almost everywhere but does not make fluoroscopy usable. */
const usesItsType = (command: Command) => !(command.type === 'fluoro.expose' && !command.on);

const NEEDLE_WORK: readonly PhaseId[] = ['access', 'workingChannel'];
const allBut = (...phases: readonly PhaseId[]) =>
  PHASES.map((phase) => phase.id).filter((id) => id !== 'debrief' && !phases.includes(id));
/**
 * Where a refusal is only the general "<command> is not part of <phase>." (plus the phase's
 * instruction in practice): commands far from their phase. Every other refusal names what to do.
 */
const GENERAL_REFUSALS: { readonly [T in CommandType]?: readonly PhaseId[] } = {
  'patient.position': ['caseReview', 'preOp'],
  'local.anaesthetic': allBut(...NEEDLE_WORK),
  'needle.entry': allBut(...NEEDLE_WORK),
  'needle.aim': allBut(...NEEDLE_WORK),
  'needle.advance': allBut(...NEEDLE_WORK),
  'needle.tap': allBut(...NEEDLE_WORK),
  'channel.drill': allBut(...NEEDLE_WORK),
  'instruments.remove': ['finalImages', 'recovery'],
  // Only a procedure of two levels moves on to a next level, once the first level's instruments are out.
  'level.next': allBut('instrumentRemoval'),
  'discharge.decide': allBut('recovery'),
  'counsel.give': allBut('recovery'),
  // Counted and marked before the puncture; later phases simply do not mark.
  'level.mark': allBut('caseReview', 'preOp', 'positioning', 'cArmSetup', 'access'),
  // Pressure on the puncture sites once the instruments are out (instrument removal says so while they are in).
  'site.compress': allBut('instrumentRemoval', 'finalImages', 'recovery'),
};

describe('permissions are consistent everywhere', () => {
  it.each(Object.values(INPUTS))(
    'refusalReason is empty exactly when the machine accepts, in every reachable state ($procedure $approach)',
    (input) => {
      for (const path of procedurePaths(input)) {
        for (const command of COMMAND_EVENT_SAMPLES) {
          const reason = refusalReason(path.state, command);
          if (accepts(path.state, command)) expect(reason).toBe('');
          else expect(reason).toMatch(/^[A-Z].*\.$/);
          expect(reason).not.toMatch(/undefined|null/);
        }
      }
    },
  );

  it.each(Object.values(INPUTS))(
    'every refusal names what to do, but for commands far from their phase ($procedure $approach)',
    (input) => {
      for (const path of procedurePaths(input)) {
        if (path.state.status !== 'active') continue;
        const phase = phaseOf(path.state);
        for (const command of Object.values(CONCRETE_COMMANDS).flat()) {
          if (accepts(path.state, command)) continue;
          const reason = refusalReason(path.state, command);
          // A one-level procedure says so wherever level.next is asked.
          const oneLevel = command.type === 'level.next' && (input.levels ?? 1) === 1;
          const general = !oneLevel && (GENERAL_REFUSALS[command.type]?.includes(phase) ?? false);
          expect(/ is not part of /.test(reason), `${command.type} in ${phase}: ${reason}`).toBe(general);
        }
      }
    },
  );

  it.each(Object.values(INPUTS))(
    'allowedCommandTypes lists a type exactly when some concrete command of it is accepted ($procedure $approach)',
    (input) => {
      for (const path of procedurePaths(input)) {
        const allowed = allowedCommandTypes(path.state);
        for (const type of COMMAND_TYPES) {
          const commands = (CONCRETE_COMMANDS[type] as readonly Command[]).filter(usesItsType);
          const anyAccepted = commands.some((command) => accepts(path.state, command));
          expect(allowed.includes(type), `${type} in ${JSON.stringify(path.state.value)}`).toBe(anyAccepted);
        }
      }
    },
  );

  it.each(Object.values(INPUTS))(
    'nextExchangeStep is the one exchange step accepted, or null when none is ($procedure $approach)',
    (input) => {
      for (const path of procedurePaths(input)) {
        const accepted = CONCRETE_COMMANDS['instrument.exchange']
          .filter((command) => accepts(path.state, command))
          .map((command) => command.step);
        expect(accepted.length).toBeLessThanOrEqual(1);
        expect(nextExchangeStep(path.state)).toBe(accepted[0] ?? null);
      }
    },
  );

  it('a refused command changes nothing, and a vertebroplasty never sees a balloon (random walks)', () => {
    // Walks start from any reachable state of the graph, so they cover every phase, then wander:
    // each step picks either any event, or one the machine would act on now.
    const starts = fc
      .constantFrom(...Object.values(INPUTS))
      .chain((input) => fc.constantFrom(...procedurePaths(input)).map((path) => ({ input, path })));
    const steps = fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: 20, maxLength: 80 });
    fc.assert(
      fc.property(starts, steps, ({ input, path }, sequence) => {
        const actor = startProcedure(input);
        for (const step of path.steps) actor.send(step.event);
        for (const [anyEvent, index] of sequence) {
          const before = actor.getSnapshot();
          if (before.status !== 'active') break;
          const candidates = anyEvent ? GRAPH_EVENTS : GRAPH_EVENTS.filter((e) => !isCommand(e) || accepts(before, e));
          const event = candidates[index % candidates.length];
          const refused = isCommand(event) && !accepts(before, event);
          actor.send(event);
          const after = actor.getSnapshot();
          if (refused) {
            expect(after.value).toEqual(before.value);
            expect(after.context).toEqual(before.context);
          }
          if (input.procedure === 'vertebroplasty') expect(after.matches('balloon')).toBe(false);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
