import { and, type SnapshotFrom } from 'xstate';
import { EMPTY_CHECKLIST } from './checklistItems';
import { procedureSetup } from './procedureSetup';
import {
  allowed,
  balloonMayRupture,
  handlingMixedCement,
  imaging,
  pairCounts,
  pairDeflate,
  pairRemove,
  stepIs,
  timeAndPedalRelease,
  workingBalloonIs,
} from './transitionFragments';

/**
 * The procedure as a statechart (README.md has the permission table): the state tree. Guards and
 * actions are in procedureSetup.ts, shared transition fragments in transitionFragments.ts. There
 * are no "forbidden" transitions, so a command is accepted exactly when an enabled transition
 * handles it (accepts.ts).
 */
/** The kyphoplasty / vertebroplasty procedure machine. Input: procedure, approach, C-arm, mode. */
export const procedureMachine = procedureSetup.createMachine({
  id: 'procedure',
  context: ({ input }) => ({
    ...input,
    checklist: EMPTY_CHECKLIST,
    patientProne: false,
    imagesThisPhase: { AP: false, lateral: false },
    sideIndex: 0,
    firstPedicle: null,
    cementDelivered: false,
    activeSide: null,
    balloons: { left: 'out', right: 'out' },
    balloonsInflated: 0,
    cementFirstSide: null,
  }),
  initial: 'caseReview',
  states: {
    caseReview: {
      on: {
        'time.wait': allowed,
        'checklist.tick': { guard: 'item is due in case review', actions: 'tick the item' },
        'phase.next': { guard: 'case reviewed', target: 'preOp' },
      },
    },
    preOp: {
      on: {
        ...timeAndPedalRelease,
        'checklist.tick': { guard: 'item is due in pre-op', actions: 'tick the item' },
        'phase.next': { guard: 'time-out done', target: 'positioning' },
      },
    },
    positioning: {
      on: {
        ...timeAndPedalRelease,
        'patient.position': { actions: 'position the patient' },
        'phase.next': { guard: 'patient prone', target: 'cArmSetup' },
      },
    },
    cArmSetup: {
      entry: 'forget the images',
      on: {
        ...imaging,
        'image.acquired': { actions: 'record the image' },
        'phase.next': {
          guard: 'AP and lateral taken in this phase',
          target: 'access',
        },
      },
    },
    access: {
      initial: 'choosingEntry',
      on: imaging,
      states: {
        choosingEntry: {
          on: {
            'needle.entry': {
              guard: 'entry on an untreated pedicle',
              target: 'entryChosen',
              actions: ['remember the first pedicle', 'work on the chosen side'],
            },
          },
        },
        entryChosen: {
          on: {
            'needle.entry': {
              guard: 'entry on an untreated pedicle',
              actions: ['remember the first pedicle', 'work on the chosen side'],
            },
            'local.anaesthetic': allowed,
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'needle.skinPunctured': { target: 'trocarInTissue' },
            'needle.pastPosteriorWall': { target: 'trocarInBody' },
          },
        },
        trocarInTissue: {
          on: {
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'needle.pastPosteriorWall': { target: 'trocarInBody' },
          },
        },
        trocarInBody: {
          on: {
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'phase.next': { target: '#procedure.workingChannel' },
          },
        },
      },
    },
    workingChannel: {
      // The instrument exchange in its real order (exchangeOrder.ts), each waiting substate naming its
      // step in its meta, then the drill (kyphoplasty).
      initial: 'needleIn',
      on: imaging,
      states: {
        needleIn: {
          meta: { exchangeStep: 'stylet.remove' },
          on: {
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'instrument.exchange': [
              {
                guard: and([stepIs('stylet.remove'), 'procedure is kyphoplasty']),
                target: 'styletOut',
              },
              { guard: stepIs('stylet.remove'), target: 'channelReady' },
            ],
          },
        },
        styletOut: {
          meta: { exchangeStep: 'guidePin.insert' },
          on: {
            'instrument.exchange': {
              guard: stepIs('guidePin.insert'),
              target: 'guidePinIn',
            },
          },
        },
        guidePinIn: {
          meta: { exchangeStep: 'needle.remove' },
          on: {
            'instrument.exchange': {
              guard: stepIs('needle.remove'),
              target: 'needleOut',
            },
          },
        },
        needleOut: {
          meta: { exchangeStep: 'introducer.insert' },
          on: {
            'instrument.exchange': {
              guard: stepIs('introducer.insert'),
              target: 'introducerIn',
            },
          },
        },
        introducerIn: {
          meta: { exchangeStep: 'guidePin.remove' },
          on: {
            'instrument.exchange': {
              guard: stepIs('guidePin.remove'),
              target: 'drilling',
            },
          },
        },
        drilling: {
          on: {
            'channel.drill': allowed,
            'channel.ready': { target: 'channelReady' },
          },
        },
        channelReady: {
          on: {
            // A channel short of the anterior third can be drilled further.
            'channel.drill': [{ guard: 'procedure is kyphoplasty', target: 'drilling' }],
            'phase.next': [
              // Bipedicular kyphoplasty: both working channels first, then both balloons together.
              {
                guard: and(['both pedicles treated together', 'second pedicle to treat']),
                target: '#procedure.access',
                actions: 'turn to the second pedicle',
              },
              {
                guard: 'both pedicles treated together',
                target: '#procedure.balloon.pair',
              },
              { guard: 'procedure is kyphoplasty', target: '#procedure.balloon' },
              { target: '#procedure.cement' },
            ],
          },
        },
      },
    },
    balloon: {
      initial: 'ready',
      on: imaging,
      states: {
        ready: {
          on: { 'balloon.insert': { target: 'inserted' } },
        },
        inserted: {
          on: {
            ...balloonMayRupture,
            'balloon.inflate': allowed,
            'balloon.remove': { target: 'removed' },
            'balloon.inflated': { target: 'inflated' },
          },
        },
        inflated: {
          on: {
            ...balloonMayRupture,
            'balloon.inflate': allowed,
            'balloon.deflate': allowed,
            'balloon.deflated': { target: 'deflated' },
          },
        },
        deflated: {
          on: {
            ...balloonMayRupture,
            'balloon.inflate': allowed,
            'balloon.remove': { target: 'removed' },
            'balloon.inflated': { target: 'inflated' },
          },
        },
        ruptured: {
          on: { 'balloon.remove': { target: 'removed' } },
        },
        removed: {
          on: { 'phase.next': { target: '#procedure.cement' } },
        },
        // Bipedicular kyphoplasty: both balloons in the body together, inflated alternately.
        pair: {
          initial: 'working',
          on: {
            'side.select': { guard: 'the other side', actions: 'work on the chosen side' },
          },
          states: {
            working: {
              on: {
                ...pairCounts,
                'balloon.insert': {
                  guard: workingBalloonIs('out'),
                  actions: 'insert the working balloon',
                },
                'balloon.inflate': { guard: workingBalloonIs('in') },
                'balloon.deflate': pairDeflate,
                'balloon.remove': pairRemove,
                'balloon.ruptured': { guard: 'a balloon is in', target: 'ruptured' },
              },
            },
            // Which balloon burst is not known here: no more inflation; deflate and remove both.
            ruptured: {
              on: { ...pairCounts, 'balloon.deflate': pairDeflate, 'balloon.remove': pairRemove },
            },
            removed: {
              on: { 'phase.next': { target: '#procedure.cement' } },
            },
          },
        },
      },
    },
    cement: {
      initial: 'unmixed',
      on: {
        ...imaging,
        'cement.delivered': { actions: 'record cement delivered' },
      },
      states: {
        unmixed: {
          on: {
            'cement.mix': { target: 'mixed' },
            // Bipedicular kyphoplasty: choose which side gets cement first.
            'side.select': {
              guard: and(['both pedicles treated together', 'the other side', 'no side cemented yet']),
              actions: 'work on the chosen side',
            },
          },
        },
        mixed: {
          on: {
            ...handlingMixedCement,
            'cement.inject': allowed,
            // A leak does not stop the hands: the trainee must see it on an image and stop; whether and
            // how fast they did is measured (sim/instruments/cementOutcome.ts), not enforced.
            'cement.stop': allowed,
            // Bipedicular kyphoplasty: cement delivered on this side, on to the other (a batch of its own).
            'side.select': {
              guard: and([
                'both pedicles treated together',
                'the other side',
                'no side cemented yet',
                'cement delivered',
              ]),
              target: 'unmixed',
              actions: 'turn the cement to the other side',
            },
            'phase.next': [
              {
                guard: and(['cement delivered', 'second pedicle to treat']),
                target: '#procedure.access',
                actions: 'turn to the second pedicle',
              },
              {
                guard: and(['cement delivered', 'every side cemented']),
                target: '#procedure.instrumentRemoval',
              },
            ],
          },
        },
      },
    },
    instrumentRemoval: {
      initial: 'inPlace',
      on: imaging,
      states: {
        inPlace: {
          on: { 'instruments.remove': { target: 'removed' } },
        },
        removed: {
          on: { 'phase.next': { target: '#procedure.finalImages' } },
        },
      },
    },
    finalImages: {
      entry: 'forget the images',
      on: {
        ...imaging,
        'image.acquired': { actions: 'record the image' },
        'phase.next': {
          guard: 'AP and lateral taken in this phase',
          target: 'recovery',
        },
      },
    },
    recovery: {
      initial: 'observing',
      on: timeAndPedalRelease,
      states: {
        observing: {
          on: { 'discharge.decide': { target: 'decided' } },
        },
        decided: {
          on: { 'phase.next': { target: '#procedure.debrief' } },
        },
      },
    },
    debrief: { type: 'final' },
  },
});

/** A snapshot of the procedure machine. */
export type ProcedureSnapshot = SnapshotFrom<typeof procedureMachine>;
