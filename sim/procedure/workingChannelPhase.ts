import { and } from 'xstate';
import { procedureSetup } from './procedureSetup';
import { awaitingExchange, channelToCome, needleStays, patientPositioned } from './stateRefusals';
import { allowed, imaging, patientCare, stepIs } from './transitionFragments';

/**
 * The working-channel phase of procedureMachine.ts: the instrument exchange in its real order
 * (exchangeOrder.ts), each substate naming in its meta the step it waits for, then the drill
 * (kyphoplasty); then on to the second pedicle, the balloon or the cement.
 */
export const workingChannelPhase = procedureSetup.createStateConfig({
  meta: {
    refuses: {
      ...patientPositioned,
      ...channelToCome,
      ...needleStays,
      'instrument.exchange': 'The exchange is done.',
      'channel.drill': ({ context }) =>
        context.procedure === 'vertebroplasty'
          ? 'A vertebroplasty needle needs no drill: cement goes through the needle.'
          : 'The drill goes through the open osteo-introducer: finish the exchange first.',
    },
  },
  initial: 'needleIn',
  on: { ...imaging, ...patientCare },
  states: {
    needleIn: {
      meta: awaitingExchange('stylet.remove'),
      on: {
        'needle.aim': allowed,
        'needle.advance': allowed,
        'needle.tap': allowed,
        'instrument.exchange': [
          { guard: and([stepIs('stylet.remove'), 'procedure is kyphoplasty']), target: 'styletOut' },
          { guard: stepIs('stylet.remove'), target: 'channelReady' },
        ],
      },
    },
    styletOut: {
      meta: awaitingExchange('guidePin.insert'),
      on: { 'instrument.exchange': { guard: stepIs('guidePin.insert'), target: 'guidePinIn' } },
    },
    guidePinIn: {
      meta: awaitingExchange('needle.remove'),
      on: { 'instrument.exchange': { guard: stepIs('needle.remove'), target: 'needleOut' } },
    },
    needleOut: {
      meta: awaitingExchange('introducer.insert'),
      on: { 'instrument.exchange': { guard: stepIs('introducer.insert'), target: 'introducerIn' } },
    },
    introducerIn: {
      meta: awaitingExchange('guidePin.remove'),
      on: { 'instrument.exchange': { guard: stepIs('guidePin.remove'), target: 'drilling' } },
    },
    drilling: {
      meta: { refuses: { 'phase.next': 'Drill the working channel first.' } },
      on: {
        'channel.drill': allowed,
        'channel.ready': { target: 'channelReady' },
      },
    },
    channelReady: {
      on: {
        // A channel short of the anterior third can be drilled further.
        'channel.drill': { guard: 'procedure is kyphoplasty', target: 'drilling' },
        'phase.next': [
          // Bipedicular kyphoplasty: both working channels first, then both balloons together.
          {
            guard: and(['both pedicles treated together', 'second pedicle to treat']),
            target: '#procedure.access',
            actions: 'turn to the second pedicle',
          },
          { guard: 'both pedicles treated together', target: '#procedure.balloon.pair' },
          { guard: 'procedure is kyphoplasty', target: '#procedure.balloon' },
          { target: '#procedure.cement' },
        ],
      },
    },
  },
});
