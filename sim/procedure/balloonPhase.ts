import { procedureSetup } from './procedureSetup';
import {
  balloonCommands,
  balloonFirst,
  balloonIn,
  exchangeOver,
  pairNotDone,
  pairRemoved,
  patientPositioned,
} from './stateRefusals';
import {
  allowed,
  balloonMayRupture,
  imaging,
  patientCare,
  pairCounts,
  pairDeflate,
  pairRemove,
  workingBalloonIs,
} from './transitionFragments';

/**
 * The balloon phase of procedureMachine.ts (kyphoplasty): one balloon through one cannula, or
 * (bipedicular) both balloons in the body together, inflated alternately (README.md).
 */
export const balloonPhase = procedureSetup.createStateConfig({
  meta: {
    refuses: {
      ...patientPositioned,
      ...exchangeOver,
      ...balloonFirst,
      'phase.next': 'Remove the balloon before moving on.',
    },
  },
  initial: 'ready',
  on: { ...imaging, ...patientCare },
  states: {
    ready: {
      meta: {
        refuses: {
          'balloon.inflate': 'Insert the balloon before inflating.',
          'balloon.deflate': 'Insert the balloon first.',
          'balloon.remove': 'Insert the balloon first.',
          'phase.next': 'Insert the balloon first.',
        },
      },
      on: { 'balloon.insert': { target: 'inserted' } },
    },
    inserted: {
      meta: { refuses: { ...balloonIn, 'balloon.deflate': 'The balloon is not inflated.' } },
      on: {
        ...balloonMayRupture,
        'balloon.inflate': allowed,
        'balloon.remove': { target: 'removed' },
        'balloon.inflated': { target: 'inflated' },
      },
    },
    inflated: {
      meta: {
        refuses: {
          ...balloonIn,
          'balloon.remove': 'Deflate the balloon before removing it.',
          'phase.next': 'Deflate and remove the balloon before moving on.',
        },
      },
      on: {
        ...balloonMayRupture,
        'balloon.inflate': allowed,
        'balloon.deflate': allowed,
        'balloon.deflated': { target: 'deflated' },
      },
    },
    deflated: {
      meta: { refuses: { ...balloonIn, 'balloon.deflate': 'The balloon is not inflated.' } },
      on: {
        ...balloonMayRupture,
        'balloon.inflate': allowed,
        'balloon.remove': { target: 'removed' },
        'balloon.inflated': { target: 'inflated' },
      },
    },
    ruptured: {
      meta: { refuses: balloonCommands('The balloon has ruptured: remove it.') },
      on: { 'balloon.remove': { target: 'removed' } },
    },
    removed: {
      meta: { refuses: balloonCommands('The balloon has been removed.') },
      on: { 'phase.next': { target: '#procedure.cement' } },
    },
    // Bipedicular kyphoplasty: both balloons in the body together, inflated alternately.
    pair: {
      meta: { refuses: { 'phase.next': ({ context }) => pairNotDone(context) } },
      initial: 'working',
      on: {
        'side.select': { guard: 'the other side', actions: 'work on the chosen side' },
      },
      states: {
        working: {
          on: {
            ...pairCounts,
            'balloon.insert': { guard: workingBalloonIs('out'), actions: 'insert the working balloon' },
            'balloon.inflate': { guard: workingBalloonIs('in') },
            'balloon.deflate': pairDeflate,
            'balloon.remove': pairRemove,
            'balloon.ruptured': { guard: 'a balloon is in', target: 'ruptured' },
          },
        },
        // Which balloon burst is not known here: no more inflation; deflate and remove both.
        ruptured: {
          meta: {
            refuses: {
              'balloon.insert': 'A balloon has ruptured: deflate and remove both balloons.',
              'balloon.inflate': 'A balloon has ruptured: deflate and remove both balloons.',
            },
          },
          on: { ...pairCounts, 'balloon.deflate': pairDeflate, 'balloon.remove': pairRemove },
        },
        removed: {
          meta: { refuses: pairRemoved },
          on: { 'phase.next': { target: '#procedure.cement' } },
        },
      },
    },
  },
});
