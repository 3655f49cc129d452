import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { Command } from '../../sim/core/commands';
import { accepts } from '../../sim/procedure/accepts';
import { allowedCommandTypes } from '../../sim/procedure/allowedCommands';
import { phaseOf, stateValueString } from '../../sim/procedure/phases';
import { procedureMachine } from '../../sim/procedure/procedureMachine';
import { refusalReason } from '../../sim/procedure/refusalReason';
import { actorAt, happyPath, INPUTS, isCommand, startProcedure } from './procedureHarness';

type ProcedureActor = ReturnType<typeof startProcedure>;

const next: Command = { type: 'phase.next' };
const inject: Command = { type: 'cement.inject', mL: 0.5 };
const allowedNow = (actor: ProcedureActor, command: Command) => accepts(actor.getSnapshot(), command);
const reasonNow = (actor: ProcedureActor, command: Command) => refusalReason(actor.getSnapshot(), command);

describe('a complete procedure', () => {
  it.each(Object.values(INPUTS))(
    '$procedure $approach: every command of the plan is allowed and it ends in the debrief',
    (input) => {
      const actor = startProcedure(input);
      const phases: string[] = [];
      for (const event of happyPath(input)) {
        if (isCommand(event))
          expect(allowedNow(actor, event), `${event.type} in ${stateValueString(actor.getSnapshot())}`).toBe(true);
        actor.send(event);
        const phase = phaseOf(actor.getSnapshot());
        if (phases[phases.length - 1] !== phase) phases.push(phase);
      }
      expect(actor.getSnapshot().status).toBe('done');
      const side =
        input.procedure === 'kyphoplasty'
          ? ['access', 'workingChannel', 'balloon', 'cement']
          : ['access', 'workingChannel', 'cement'];
      // Bipedicular kyphoplasty: both working channels, then both balloons together, then the cement of both sides.
      const bothSides =
        input.procedure === 'kyphoplasty'
          ? ['access', 'workingChannel', 'access', 'workingChannel', 'balloon', 'cement']
          : [...side, ...side];
      expect(phases).toEqual([
        'caseReview',
        'preOp',
        'positioning',
        'cArmSetup',
        ...(input.approach === 'bipedicular' ? bothSides : side),
        'instrumentRemoval',
        // A second level: access to instrument removal again.
        ...((input.levels ?? 1) === 2 ? [...side, 'instrumentRemoval'] : []),
        'finalImages',
        'recovery',
        'debrief',
      ]);
    },
  );

  it('accepts a command that changes nothing (a plain transition), and a refused one changes nothing', () => {
    const actor = startProcedure(INPUTS.kyphoplastyUni);
    const accepted: string[] = [];
    const commands: Command[] = [
      { type: 'cement.mix' },
      { type: 'checklist.tick', item: 'history' },
      { type: 'checklist.tick', item: 'history' },
      { type: 'time.wait', s: 5 },
    ];
    for (const command of commands) {
      const before = actor.getSnapshot();
      if (accepts(before, command)) accepted.push(command.type);
      else expect(transition(procedureMachine, before, command)[0].context).toBe(before.context);
      actor.send(command);
    }
    expect(accepted).toEqual(['checklist.tick', 'time.wait']);
    expect(actor.getSnapshot().context.checklist.history).toBe(true);
  });
});

describe('case review and pre-op', () => {
  it('needs history, imaging and candidacy before pre-op, and names what is missing', () => {
    const actor = startProcedure(INPUTS.kyphoplastyUni);
    actor.send({ type: 'checklist.tick', item: 'imaging' });
    expect(allowedNow(actor, next)).toBe(false);
    expect(reasonNow(actor, next)).toBe('Review the history and candidacy before moving on.');
    expect(allowedNow(actor, { type: 'checklist.tick', item: 'consent' })).toBe(false);
    expect(allowedNow(actor, { type: 'checklist.tick', item: 'imaging' })).toBe(false);
    expect(reasonNow(actor, { type: 'checklist.tick', item: 'imaging' })).toBe('The imaging is already ticked.');
  });

  it('refuses to leave pre-op before the time-out, but lets other items be missed', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'preOp');
    actor.send({ type: 'checklist.tick', item: 'consent' });
    expect(allowedNow(actor, next)).toBe(false);
    expect(reasonNow(actor, next)).toBe('Complete the time-out before incision.');
    actor.send({ type: 'checklist.tick', item: 'timeOut' });
    expect(allowedNow(actor, next)).toBe(true);
    expect(allowedNow(actor, { type: 'checklist.tick', item: 'history' })).toBe(false);
    expect(reasonNow(actor, { type: 'checklist.tick', item: 'history' })).toBe('The case review is closed.');
  });

  it('allows releasing the fluoro pedal, but not pressing it, before the C-arm is set up', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'preOp');
    expect(allowedNow(actor, { type: 'fluoro.expose', on: false })).toBe(true);
    expect(allowedNow(actor, { type: 'fluoro.expose', on: true })).toBe(false);
    expect(allowedCommandTypes(actor.getSnapshot())).toEqual([
      'checklist.tick',
      'sedation.midazolam',
      'oxygen.nasal',
      'patient.fluids',
      'sedation.flumazenil',
      'patient.callForHelp',
      'time.wait',
      'neuro.examine',
      'imaging.ct',
      'patient.surgicalOpinion',
      'antibiotic.choose',
      'patient.adrenaline',
    ]);
  });
});

describe('positioning and C-arm set-up', () => {
  it('needs the patient prone', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'positioning');
    actor.send({ type: 'patient.position', position: 'supine' });
    expect(allowedNow(actor, next)).toBe(false);
    actor.send({ type: 'patient.position', position: 'prone' });
    expect(allowedNow(actor, next)).toBe(true);
  });

  it('needs an AP and a lateral taken in this phase, and the final images need their own', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'cArmSetup');
    actor.send({ type: 'image.acquired', view: 'lateral' });
    expect(reasonNow(actor, next)).toBe('Take an AP image before starting access.');
    actor.send({ type: 'image.acquired', view: 'AP' });
    expect(allowedNow(actor, next)).toBe(true);
    const late = actorAt(INPUTS.kyphoplastyUni, 'finalImages');
    expect(late.getSnapshot().context.imagesThisPhase).toEqual({ AP: false, lateral: false });
    expect(allowedNow(late, next)).toBe(false);
  });
});

describe('access and working channel', () => {
  it('needs a skin entry before the trocar moves or local goes in', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'access.choosingEntry');
    expect(allowedNow(actor, { type: 'needle.advance', mm: 5 })).toBe(false);
    expect(reasonNow(actor, { type: 'local.anaesthetic' })).toBe('Choose the skin entry point first.');
    expect(allowedNow(actor, { type: 'fluoro.expose', on: true })).toBe(true);
  });

  it('allows local anaesthetic and a new entry only before the skin puncture', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'access.entryChosen');
    expect(allowedNow(actor, { type: 'local.anaesthetic' })).toBe(true);
    actor.send({ type: 'needle.skinPunctured' });
    expect(reasonNow(actor, { type: 'local.anaesthetic' })).toBe('Local anaesthetic goes in before the skin puncture.');
    expect(allowedNow(actor, { type: 'needle.entry', side: 'right', lateralMm: 0, cranialMm: 0 })).toBe(false);
    expect(allowedNow(actor, { type: 'needle.advance', mm: 2 })).toBe(true);
  });

  it('needs the trocar past the posterior wall before the working channel', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'access.trocarInTissue');
    expect(allowedNow(actor, next)).toBe(false);
    expect(allowedNow(actor, { type: 'channel.drill', mm: 5 })).toBe(false);
    actor.send({ type: 'needle.pastPosteriorWall' });
    expect(allowedNow(actor, next)).toBe(true);
  });

  it('reaches no balloon phase before the channel is ready', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'workingChannel.drilling');
    expect(allowedNow(actor, next)).toBe(false);
    expect(allowedNow(actor, { type: 'balloon.insert' })).toBe(false);
    expect(reasonNow(actor, next)).toBe('Drill the working channel first.');
    actor.send({ type: 'channel.ready' });
    actor.send(next);
    expect(stateValueString(actor.getSnapshot())).toBe('balloon.ready');
  });

  it('sends a vertebroplasty from the working channel straight to the cement', () => {
    const actor = actorAt(INPUTS.vertebroplastyUni, 'workingChannel.channelReady');
    actor.send(next);
    expect(stateValueString(actor.getSnapshot())).toBe('cement.unmixed');
    expect(reasonNow(actor, { type: 'balloon.insert' })).toBe('A vertebroplasty uses no balloon.');
  });
});

describe('balloon', () => {
  it('refuses to inflate before insertion and to remove while inflated', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'balloon.ready');
    expect(allowedNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe(false);
    expect(reasonNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe('Insert the balloon before inflating.');
    actor.send({ type: 'balloon.insert' });
    expect(allowedNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe(true);
    actor.send({ type: 'balloon.inflated' });
    expect(reasonNow(actor, { type: 'balloon.remove' })).toBe('Deflate the balloon before removing it.');
    expect(reasonNow(actor, next)).toBe('Deflate and remove the balloon before moving on.');
    actor.send({ type: 'balloon.deflate' });
    expect(allowedNow(actor, { type: 'balloon.remove' })).toBe(false);
    actor.send({ type: 'balloon.deflated' });
    actor.send({ type: 'balloon.remove' });
    expect(allowedNow(actor, next)).toBe(true);
  });

  it('makes a rupture a complication answered only by removing the balloon', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'balloon.inflated');
    actor.send({ type: 'balloon.ruptured', pressurePsi: 420 });
    expect(stateValueString(actor.getSnapshot())).toBe('balloon.ruptured');
    expect(allowedCommandTypes(actor.getSnapshot()).filter((type) => type.startsWith('balloon'))).toEqual([
      'balloon.remove',
    ]);
    expect(allowedNow(actor, next)).toBe(false);
    actor.send({ type: 'balloon.remove' });
    expect(allowedNow(actor, next)).toBe(true);
  });
});

describe('cement', () => {
  it('is mixed once, before any injection', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'cement.unmixed');
    expect(allowedNow(actor, inject)).toBe(false);
    expect(reasonNow(actor, inject)).toBe('Mix the cement before injecting.');
    actor.send({ type: 'cement.mix' });
    expect(allowedNow(actor, inject)).toBe(true);
    expect(allowedNow(actor, { type: 'cement.mix' })).toBe(false);
  });

  it('a leak does not lock the syringe: the trainee must see it and stop (measured by the cement outcome, not enforced)', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'cement.mixed');
    actor.send({ type: 'cement.delivered' });
    actor.send({ type: 'cement.leak', location: 'epidural', volumeMl: 0.1 });
    expect(allowedNow(actor, inject)).toBe(true);
    expect(allowedNow(actor, next)).toBe(true);
    expect(actor.getSnapshot().matches({ cement: 'mixed' })).toBe(true);
  });

  it('needs cement delivered before leaving the phase', () => {
    const actor = actorAt(INPUTS.kyphoplastyUni, 'cement.mixed');
    expect(reasonNow(actor, next)).toBe('Inject cement into the vertebral body first.');
    actor.send({ type: 'cement.delivered' });
    actor.send(next);
    expect(phaseOf(actor.getSnapshot())).toBe('instrumentRemoval');
  });

  it('turns a bipedicular vertebroplasty to the other pedicle, which must differ from the first', () => {
    const actor = actorAt(INPUTS.vertebroplastyBi, 'cement.mixed');
    const first = actor.getSnapshot().context.firstPedicle;
    actor.send({ type: 'cement.delivered' });
    actor.send(next);
    expect(stateValueString(actor.getSnapshot())).toBe('access.choosingEntry');
    expect(actor.getSnapshot().context).toMatchObject({ sideIndex: 1, cementDelivered: false });
    const other = first === 'left' ? 'right' : 'left';
    expect(allowedNow(actor, { type: 'needle.entry', side: first ?? 'left', lateralMm: 0, cranialMm: 0 })).toBe(false);
    expect(reasonNow(actor, { type: 'needle.entry', side: first ?? 'left', lateralMm: 0, cranialMm: 0 })).toBe(
      `The ${first} pedicle is done: enter on the ${other} for the second side.`,
    );
    expect(allowedNow(actor, { type: 'needle.entry', side: other, lateralMm: 0, cranialMm: 0 })).toBe(true);
  });
});

describe('bipedicular kyphoplasty: both channels, both balloons together, cement on each side', () => {
  const select = (side: 'left' | 'right'): Command => ({ type: 'side.select', side });
  const other = (side: 'left' | 'right' | null) => (side === 'left' ? 'right' : 'left');

  it('turns to the second pedicle after the first working channel, not after its cement', () => {
    const actor = actorAt(INPUTS.kyphoplastyBi, 'workingChannel.channelReady');
    const first = actor.getSnapshot().context.firstPedicle;
    expect(reasonNow(actor, select(other(first)))).toBe(
      'Place both working channels first (the second side starts with a new skin entry).',
    );
    actor.send(next);
    expect(stateValueString(actor.getSnapshot())).toBe('access.choosingEntry');
    expect(actor.getSnapshot().context.sideIndex).toBe(1);
    expect(allowedNow(actor, { type: 'needle.entry', side: first ?? 'left', lateralMm: 0, cranialMm: 0 })).toBe(false);
    expect(allowedNow(actor, { type: 'needle.entry', side: other(first), lateralMm: 0, cranialMm: 0 })).toBe(true);
  });

  it('inserts a balloon on each side, inflates either, and removes one only when both are deflated', () => {
    const actor = actorAt(INPUTS.kyphoplastyBi, 'balloon.pair.working');
    const second = actor.getSnapshot().context.activeSide;
    expect(second).not.toBeNull();
    expect(reasonNow(actor, select(second ?? 'left'))).toBe(`You are already working on the ${second} side.`);
    expect(reasonNow(actor, next)).toBe('Insert the left and right balloons first.');
    expect(reasonNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe(`Insert the ${second} balloon before inflating.`);
    actor.send({ type: 'balloon.insert' });
    actor.send({ type: 'balloon.inflate', mL: 1 });
    actor.send({ type: 'balloon.inflated' });
    expect(allowedNow(actor, select(other(second)))).toBe(true);
    actor.send(select(other(second)));
    expect(reasonNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe(
      `Insert the ${other(second)} balloon before inflating.`,
    );
    actor.send({ type: 'balloon.insert' });
    actor.send({ type: 'balloon.inflate', mL: 1 });
    actor.send({ type: 'balloon.inflated' });
    expect(actor.getSnapshot().context).toMatchObject({ balloons: { left: 'in', right: 'in' }, balloonsInflated: 2 });
    actor.send({ type: 'balloon.deflate' });
    actor.send({ type: 'balloon.deflated' });
    expect(reasonNow(actor, { type: 'balloon.remove' })).toBe('Deflate both balloons before removing one.');
    expect(reasonNow(actor, next)).toBe('Deflate and remove both balloons before moving on.');
    actor.send(select(second ?? 'left'));
    actor.send({ type: 'balloon.deflate' });
    actor.send({ type: 'balloon.deflated' });
    actor.send({ type: 'balloon.remove' });
    expect(reasonNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe(`The ${second} balloon has been removed.`);
    expect(reasonNow(actor, next)).toBe('Remove both balloons before moving on.');
    actor.send(select(other(second)));
    actor.send({ type: 'balloon.remove' });
    expect(stateValueString(actor.getSnapshot())).toBe('balloon.pair.removed');
    actor.send(next);
    expect(stateValueString(actor.getSnapshot())).toBe('cement.unmixed');
  });

  it('stops all inflation after a rupture (the event does not say which balloon burst)', () => {
    const actor = actorAt(INPUTS.kyphoplastyBi, 'balloon.pair.ruptured');
    expect(reasonNow(actor, { type: 'balloon.inflate', mL: 1 })).toBe(
      'A balloon has ruptured: deflate and remove both balloons.',
    );
    expect(allowedNow(actor, next)).toBe(false);
  });

  it('cements one side, then the other with its own batch, before the instruments come out', () => {
    const actor = actorAt(INPUTS.kyphoplastyBi, 'cement.mixed');
    const first = actor.getSnapshot().context.activeSide;
    expect(reasonNow(actor, select(other(first)))).toBe('Inject cement on this side before turning to the other.');
    actor.send({ type: 'cement.delivered' });
    expect(reasonNow(actor, next)).toBe(`Switch to the ${other(first)} side and cement it too.`);
    actor.send(select(other(first)));
    expect(stateValueString(actor.getSnapshot())).toBe('cement.unmixed');
    expect(actor.getSnapshot().context).toMatchObject({
      cementFirstSide: first,
      activeSide: other(first),
      cementDelivered: false,
    });
    expect(reasonNow(actor, select(first ?? 'left'))).toBe(`The ${first} side already has its cement.`);
    actor.send({ type: 'cement.mix' });
    actor.send({ type: 'cement.delivered' });
    actor.send(next);
    expect(phaseOf(actor.getSnapshot())).toBe('instrumentRemoval');
  });

  it('never switches sides in a unipedicular case or a vertebroplasty', () => {
    expect(reasonNow(actorAt(INPUTS.kyphoplastyUni, 'balloon.inserted'), select('right'))).toBe(
      'A unipedicular approach has one working side.',
    );
    expect(allowedNow(actorAt(INPUTS.vertebroplastyBi, 'cement.mixed'), select('right'))).toBe(false);
  });
});

describe('the end', () => {
  it('needs instruments out, final images and a discharge decision, then allows nothing', () => {
    const actor = actorAt(INPUTS.vertebroplastyUni, 'instrumentRemoval.inPlace');
    expect(reasonNow(actor, next)).toBe('Remove the instruments first.');
    const recovery = actorAt(INPUTS.vertebroplastyUni, 'recovery.observing');
    expect(allowedNow(recovery, { type: 'fluoro.expose', on: true })).toBe(false);
    expect(reasonNow(recovery, { type: 'carm.view', view: 'AP' })).toBe('The C-arm is out of the field.');
    expect(reasonNow(recovery, next)).toBe('Decide how the patient goes home first.');
    const debrief = actorAt(INPUTS.vertebroplastyUni, 'debrief');
    expect(debrief.getSnapshot().status).toBe('done');
    expect(allowedCommandTypes(debrief.getSnapshot())).toEqual([]);
    expect(reasonNow(debrief, { type: 'time.wait', s: 1 })).toBe('The procedure is over.');
  });

  it('allows pressure on the puncture sites from the removal of the instruments to recovery', () => {
    const compress: Command = { type: 'site.compress', min: 5 };
    const inPlace = actorAt(INPUTS.vertebroplastyUni, 'instrumentRemoval.inPlace');
    expect(reasonNow(inPlace, compress)).toBe(
      'Remove the instruments first: the puncture sites are compressed once they are out.',
    );
    for (const state of ['instrumentRemoval.removed', 'finalImages', 'recovery.observing', 'recovery.decided'])
      expect(allowedNow(actorAt(INPUTS.vertebroplastyUni, state), compress), state).toBe(true);
    expect(allowedNow(actorAt(INPUTS.vertebroplastyUni, 'cement.mixed'), compress)).toBe(false);
  });

  it('hints the phase instruction in practice mode only', () => {
    const practice = actorAt(INPUTS.kyphoplastyUni, 'positioning');
    const exam = actorAt(INPUTS.kyphoplastyBi, 'positioning');
    const drill: Command = { type: 'channel.drill', mm: 5 };
    expect(reasonNow(exam, drill)).toBe('Drilling is not part of positioning.');
    expect(reasonNow(practice, drill)).toBe(
      'Drilling is not part of positioning. Position the patient prone on the table.',
    );
  });
});
