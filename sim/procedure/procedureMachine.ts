import { and, assign, emit, setup, type SnapshotFrom } from 'xstate';
import type { Command, ExchangeStep, Side } from '../commands';
import { CASE_REVIEW_ITEMS, EMPTY_CHECKLIST, PRE_OP_ITEMS } from './checklistItems';
import type { BalloonStage, CommandAccepted, ProcedureContext, ProcedureEvent, ProcedureInput } from './procedureTypes';

const otherSide = (side: Side | null): Side => (side === 'left' ? 'right' : 'left');
const balloonsIn = (context: ProcedureContext): number => Object.values(context.balloons).filter((stage) => stage === 'in').length;

/**
 * The procedure as a statechart: phases and permissions, nothing else. It never reads the world;
 * facts arrive as domain events. A command is allowed iff `snapshot.can(command)` is true: every
 * accepted command either changes state or runs 'announce the command' (a targetless transition
 * with an action, which `can()` counts as allowed). Domain events the current state does not
 * handle are ignored, never refused. See README.md for the permission table.
 */
const procedureSetup = setup({
  types: {
    input: {} as ProcedureInput,
    context: {} as ProcedureContext,
    events: {} as ProcedureEvent,
    emitted: {} as CommandAccepted,
  },
  guards: {
    'item is due in case review': ({ context, event }) =>
      event.type === 'checklist.tick' && CASE_REVIEW_ITEMS.includes(event.item) && !context.checklist[event.item],
    'item is due in pre-op': ({ context, event }) =>
      event.type === 'checklist.tick' && PRE_OP_ITEMS.includes(event.item) && !context.checklist[event.item],
    'case reviewed': ({ context }) => CASE_REVIEW_ITEMS.every((item) => context.checklist[item]),
    'time-out done': ({ context }) => context.checklist.timeOut,
    'patient prone': ({ context }) => context.patientProne,
    'AP and lateral taken in this phase': ({ context }) =>
      context.imagesThisPhase.AP && context.imagesThisPhase.lateral,
    'pedal released': ({ event }) => event.type === 'fluoro.expose' && !event.on,
    'entry on an untreated pedicle': ({ context, event }) =>
      event.type === 'needle.entry' && (context.sideIndex === 0 || event.side !== context.firstPedicle),
    'procedure is kyphoplasty': ({ context }) => context.procedure === 'kyphoplasty',
    'cement delivered': ({ context }) => context.cementDelivered,
    'second pedicle to treat': ({ context }) => context.approach === 'bipedicular' && context.sideIndex === 0,
    'both pedicles treated together': ({ context }) => context.procedure === 'kyphoplasty' && context.approach === 'bipedicular',
    'the other side': ({ context, event }) => event.type === 'side.select' && event.side !== context.activeSide,
    'working balloon is': ({ context }, params: { stage: BalloonStage }) =>
      context.activeSide !== null && context.balloons[context.activeSide] === params.stage,
    'the other balloon is removed': ({ context }) => context.balloons[otherSide(context.activeSide)] === 'removed',
    'a balloon is in': ({ context }) => balloonsIn(context) > 0,
    'a balloon holds contrast': ({ context }) => context.balloonsInflated > 0,
    'no balloon holds contrast': ({ context }) => context.balloonsInflated === 0,
    'no side cemented yet': ({ context }) => context.cementFirstSide === null,
    'every side cemented': ({ context }) =>
      !(context.procedure === 'kyphoplasty' && context.approach === 'bipedicular') || context.cementFirstSide !== null,
    'exchange step is': ({ event }, params: { step: ExchangeStep }) => event.type === 'instrument.exchange' && event.step === params.step,
  },
  actions: {
    // Only command transitions use this action, so the event is a command here.
    'announce the command': emit(({ event }) => ({ type: 'command.accepted' as const, command: event as Command })),
    'tick the item': assign({
      checklist: ({ context, event }) =>
        event.type === 'checklist.tick' ? { ...context.checklist, [event.item]: true } : context.checklist,
    }),
    'position the patient': assign({
      patientProne: ({ context, event }) =>
        event.type === 'patient.position' ? event.position === 'prone' : context.patientProne,
    }),
    'forget the images': assign({ imagesThisPhase: { AP: false, lateral: false } }),
    'record the image': assign({
      imagesThisPhase: ({ context, event }) =>
        event.type === 'image.acquired' ? { ...context.imagesThisPhase, [event.view]: true } : context.imagesThisPhase,
    }),
    'remember the first pedicle': assign({
      firstPedicle: ({ context, event }) =>
        event.type === 'needle.entry' && context.sideIndex === 0 ? event.side : context.firstPedicle,
    }),
    'work on the chosen side': assign({
      activeSide: ({ context, event }) =>
        event.type === 'needle.entry' || event.type === 'side.select' ? event.side : context.activeSide,
    }),
    'insert the working balloon': assign({
      balloons: ({ context }) => (context.activeSide ? { ...context.balloons, [context.activeSide]: 'in' } : context.balloons),
    }),
    'remove the working balloon': assign({
      balloons: ({ context }) => (context.activeSide ? { ...context.balloons, [context.activeSide]: 'removed' } : context.balloons),
    }),
    // Never more balloons holding contrast than balloons in the body.
    'count a balloon inflated': assign({
      balloonsInflated: ({ context }) => Math.min(context.balloonsInflated + 1, balloonsIn(context)) as 0 | 1 | 2,
    }),
    'count a balloon deflated': assign({ balloonsInflated: ({ context }) => Math.max(context.balloonsInflated - 1, 0) as 0 | 1 | 2 }),
    'turn the cement to the other side': assign({
      cementFirstSide: ({ context }) => context.activeSide,
      activeSide: ({ context, event }) => (event.type === 'side.select' ? event.side : context.activeSide),
      cementDelivered: false,
    }),
    'record cement delivered': assign({ cementDelivered: true }),
    'turn to the second pedicle': assign({ sideIndex: 1, cementDelivered: false }),
  },
});

/** Guard: the exchange command is this step (the order is in exchangeOrder.ts). */
const stepIs = (step: ExchangeStep) => ({ type: 'exchange step is', params: { step } }) as const;

/** Guard: the balloon of the side being worked is at this stage (bipedicular kyphoplasty). */
const workingBalloonIs = (stage: BalloonStage) => ({ type: 'working balloon is', params: { stage } }) as const;

/** An allowed command that leaves the state as it is. */
const allowed = { actions: 'announce the command' } as const;

/** Time may always pass, and the fluoro pedal may always be released (window blur, phase change). */
const timeAndPedalRelease = {
  'time.wait': allowed,
  'fluoro.expose': { guard: 'pedal released', actions: 'announce the command' },
} as const;

/** C-arm and fluoroscopy: live from C-arm set-up to the final images. */
const imaging = {
  'time.wait': allowed,
  'fluoro.expose': allowed,
  'fluoro.mode': allowed,
  'carm.view': allowed,
  'carm.adjust': allowed,
  'carm.collimate': allowed,
  'carm.zoom': allowed,
  'fluoro.store': allowed,
} as const;

/** The balloon may burst whenever it is in the body; the world says when. */
const balloonMayRupture = { 'balloon.ruptured': { target: 'ruptured' } } as const;

/**
 * Two balloons in the body (bipedicular kyphoplasty): the world's balloon events do not say which
 * balloon, so the machine counts the balloons holding contrast; removing one needs both deflated.
 */
const pairCounts = {
  'balloon.inflated': { actions: 'count a balloon inflated' },
  'balloon.deflated': { actions: 'count a balloon deflated' },
} as const;
const pairDeflate = { guard: and([workingBalloonIs('in'), 'a balloon holds contrast']), actions: 'announce the command' } as const;
const pairRemove = [
  {
    guard: and([workingBalloonIs('in'), 'no balloon holds contrast', 'the other balloon is removed']),
    target: 'removed',
    actions: ['remove the working balloon', 'announce the command'],
  },
  { guard: and([workingBalloonIs('in'), 'no balloon holds contrast']), actions: ['remove the working balloon', 'announce the command'] },
] as const;

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
        'checklist.tick': { guard: 'item is due in case review', actions: ['tick the item', 'announce the command'] },
        'phase.next': { guard: 'case reviewed', target: 'preOp', actions: 'announce the command' },
      },
    },
    preOp: {
      on: {
        ...timeAndPedalRelease,
        'checklist.tick': { guard: 'item is due in pre-op', actions: ['tick the item', 'announce the command'] },
        'phase.next': { guard: 'time-out done', target: 'positioning', actions: 'announce the command' },
      },
    },
    positioning: {
      on: {
        ...timeAndPedalRelease,
        'patient.position': { actions: ['position the patient', 'announce the command'] },
        'phase.next': { guard: 'patient prone', target: 'cArmSetup', actions: 'announce the command' },
      },
    },
    cArmSetup: {
      entry: 'forget the images',
      on: {
        ...imaging,
        'image.acquired': { actions: 'record the image' },
        'phase.next': { guard: 'AP and lateral taken in this phase', target: 'access', actions: 'announce the command' },
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
              actions: ['remember the first pedicle', 'work on the chosen side', 'announce the command'],
            },
          },
        },
        entryChosen: {
          on: {
            'needle.entry': {
              guard: 'entry on an untreated pedicle',
              actions: ['remember the first pedicle', 'work on the chosen side', 'announce the command'],
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
            'phase.next': { target: '#procedure.workingChannel', actions: 'announce the command' },
          },
        },
      },
    },
    workingChannel: {
      // The instrument exchange in its real order (exchangeOrder.ts), then the drill (kyphoplasty).
      initial: 'needleIn',
      on: imaging,
      states: {
        needleIn: {
          on: {
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'instrument.exchange': [
              { guard: and([stepIs('stylet.remove'), 'procedure is kyphoplasty']), target: 'styletOut', actions: 'announce the command' },
              { guard: stepIs('stylet.remove'), target: 'channelReady', actions: 'announce the command' },
            ],
          },
        },
        styletOut: {
          on: { 'instrument.exchange': { guard: stepIs('guidePin.insert'), target: 'guidePinIn', actions: 'announce the command' } },
        },
        guidePinIn: {
          on: { 'instrument.exchange': { guard: stepIs('needle.remove'), target: 'needleOut', actions: 'announce the command' } },
        },
        needleOut: {
          on: { 'instrument.exchange': { guard: stepIs('introducer.insert'), target: 'introducerIn', actions: 'announce the command' } },
        },
        introducerIn: {
          on: { 'instrument.exchange': { guard: stepIs('guidePin.remove'), target: 'drilling', actions: 'announce the command' } },
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
            'channel.drill': [{ guard: 'procedure is kyphoplasty', target: 'drilling', actions: 'announce the command' }],
            'phase.next': [
              // Bipedicular kyphoplasty: both working channels first, then both balloons together.
              {
                guard: and(['both pedicles treated together', 'second pedicle to treat']),
                target: '#procedure.access',
                actions: ['turn to the second pedicle', 'announce the command'],
              },
              { guard: 'both pedicles treated together', target: '#procedure.balloon.pair', actions: 'announce the command' },
              { guard: 'procedure is kyphoplasty', target: '#procedure.balloon', actions: 'announce the command' },
              { target: '#procedure.cement', actions: 'announce the command' },
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
          on: { 'balloon.insert': { target: 'inserted', actions: 'announce the command' } },
        },
        inserted: {
          on: {
            ...balloonMayRupture,
            'balloon.inflate': allowed,
            'balloon.remove': { target: 'removed', actions: 'announce the command' },
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
            'balloon.remove': { target: 'removed', actions: 'announce the command' },
            'balloon.inflated': { target: 'inflated' },
          },
        },
        ruptured: {
          on: { 'balloon.remove': { target: 'removed', actions: 'announce the command' } },
        },
        removed: {
          on: { 'phase.next': { target: '#procedure.cement', actions: 'announce the command' } },
        },
        // Bipedicular kyphoplasty: both balloons in the body together, inflated alternately.
        pair: {
          initial: 'working',
          on: { 'side.select': { guard: 'the other side', actions: ['work on the chosen side', 'announce the command'] } },
          states: {
            working: {
              on: {
                ...pairCounts,
                'balloon.insert': { guard: workingBalloonIs('out'), actions: ['insert the working balloon', 'announce the command'] },
                'balloon.inflate': { guard: workingBalloonIs('in'), actions: 'announce the command' },
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
              on: { 'phase.next': { target: '#procedure.cement', actions: 'announce the command' } },
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
            'cement.mix': { target: 'mixed', actions: 'announce the command' },
            // Bipedicular kyphoplasty: choose which side gets cement first.
            'side.select': {
              guard: and(['both pedicles treated together', 'the other side', 'no side cemented yet']),
              actions: ['work on the chosen side', 'announce the command'],
            },
          },
        },
        mixed: {
          on: {
            'cement.inject': allowed,
            'cement.stop': allowed,
            'cement.leak': { target: 'leaking' },
            // Bipedicular kyphoplasty: cement delivered on this side, on to the other (a batch of its own).
            'side.select': {
              guard: and(['both pedicles treated together', 'the other side', 'no side cemented yet', 'cement delivered']),
              target: 'unmixed',
              actions: ['turn the cement to the other side', 'announce the command'],
            },
            'phase.next': [
              {
                guard: and(['cement delivered', 'second pedicle to treat']),
                target: '#procedure.access',
                actions: ['turn to the second pedicle', 'announce the command'],
              },
              { guard: and(['cement delivered', 'every side cemented']), target: '#procedure.instrumentRemoval', actions: 'announce the command' },
            ],
          },
        },
        leaking: {
          on: { 'cement.stop': { target: 'mixed', actions: 'announce the command' } },
        },
      },
    },
    instrumentRemoval: {
      initial: 'inPlace',
      on: imaging,
      states: {
        inPlace: {
          on: { 'instruments.remove': { target: 'removed', actions: 'announce the command' } },
        },
        removed: {
          on: { 'phase.next': { target: '#procedure.finalImages', actions: 'announce the command' } },
        },
      },
    },
    finalImages: {
      entry: 'forget the images',
      on: {
        ...imaging,
        'image.acquired': { actions: 'record the image' },
        'phase.next': { guard: 'AP and lateral taken in this phase', target: 'recovery', actions: 'announce the command' },
      },
    },
    recovery: {
      initial: 'observing',
      on: timeAndPedalRelease,
      states: {
        observing: {
          on: { 'discharge.decide': { target: 'decided', actions: 'announce the command' } },
        },
        decided: {
          on: { 'phase.next': { target: '#procedure.debrief', actions: 'announce the command' } },
        },
      },
    },
    debrief: { type: 'final' },
  },
});

/** A snapshot of the procedure machine. */
export type ProcedureSnapshot = SnapshotFrom<typeof procedureMachine>;
