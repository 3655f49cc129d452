import { and, type SnapshotFrom } from 'xstate';
import { EMPTY_CHECKLIST } from './checklistItems';
import { balloonPhase } from './balloonPhase';
import { LEVEL_START } from './levelStart';
import { procedureSetup } from './procedureSetup';
import { workingChannelPhase } from './workingChannelPhase';
import {
  balloonOver,
  beforeAccess,
  careToCome,
  cArmGone,
  cArmToCome,
  cementOver,
  cementToCome,
  channelToCome,
  checklistsClosed,
  decisionMade,
  markToCome,
  missingViews,
  NEVER_ALLOWED,
  patientPositioned,
  skinPunctured,
  compressionToCome,
} from './stateRefusals';
import {
  allowed,
  antibioticChoice,
  handlingMixedCement,
  imaging,
  patientCare,
  siteCare,
  timeAndPedalRelease,
} from './transitionFragments';

const CHOOSE_THE_ENTRY = 'Choose the skin entry point first.';
/** A skin entry needs a mark over the level (and, in practice, over the fracture) and an untreated pedicle. */
const ENTRY_GUARD = and(['skin marked', 'no practice entry over another vertebra', 'entry on an untreated pedicle']);

/**
 * The procedure as a statechart (README.md has the permission table): the state tree, with the
 * working channel and the balloon phase in workingChannelPhase.ts and balloonPhase.ts. Guards are
 * in procedureGuards.ts with their refusal sentences, actions in procedureSetup.ts, shared
 * transition fragments in transitionFragments.ts and shared refusal sentences in stateRefusals.ts.
 * Each state's `meta.refuses` says why it refuses what it does not do; there are no "forbidden"
 * transitions, so a command is accepted exactly when an enabled transition handles it (accepts.ts).
 */
/** The kyphoplasty / vertebroplasty procedure machine. Input: procedure, approach, C-arm, mode. */
export const procedureMachine = procedureSetup.createMachine({
  id: 'procedure',
  context: ({ input }) => ({
    ...input,
    checklist: EMPTY_CHECKLIST,
    patientProne: false,
    imagesThisPhase: { AP: false, lateral: false },
    ...LEVEL_START,
    levelIndex: 0,
  }),
  meta: { neverAllows: NEVER_ALLOWED, refuses: decisionMade },
  initial: 'caseReview',
  states: {
    caseReview: {
      meta: { refuses: { ...cArmToCome, ...markToCome, ...beforeAccess, ...careToCome } },
      on: {
        'time.wait': allowed,
        'checklist.tick': { guard: 'item is due in case review', actions: 'tick the item' },
        // Declining is the decision of the case review: it ends the attempt, with candidacy ticked or not
        // (a trainee who ticked it may still change their mind before leaving the review).
        'case.decline': { target: 'debrief' },
        // Measuring the pre-operative radiograph changes nothing in the patient: the log keeps it for scoring.
        'case.measure': allowed,
        'phase.next': { guard: 'case reviewed', target: 'preOp' },
      },
    },
    preOp: {
      meta: { refuses: { ...cArmToCome, ...markToCome, ...beforeAccess } },
      on: {
        ...timeAndPedalRelease,
        ...patientCare,
        ...antibioticChoice,
        'checklist.tick': { guard: 'item is due in pre-op', actions: 'tick the item' },
        'phase.next': { guard: 'time-out done', target: 'positioning' },
      },
    },
    positioning: {
      meta: { refuses: { ...cArmToCome, ...markToCome, ...checklistsClosed, ...beforeAccess } },
      on: {
        ...timeAndPedalRelease,
        ...patientCare,
        'patient.position': { actions: 'position the patient' },
        'phase.next': { guard: 'patient prone', target: 'cArmSetup' },
      },
    },
    cArmSetup: {
      meta: {
        refuses: {
          ...patientPositioned,
          ...beforeAccess,
          'phase.next': ({ context }) => `Take ${missingViews(context)} before starting access.`,
        },
      },
      entry: 'forget the images',
      on: {
        ...imaging,
        ...patientCare,
        'image.acquired': { actions: 'record the image' },
        'level.mark': allowed,
        'level.marked': { actions: 'remember the mark' },
        'phase.next': { guard: 'AP and lateral taken in this phase', target: 'access' },
      },
    },
    access: {
      meta: {
        refuses: {
          ...patientPositioned,
          ...channelToCome,
          'phase.next': 'Advance the trocar past the posterior wall of the vertebral body first.',
          'instrument.exchange':
            'Reach the vertebral body before the exchange (past the posterior wall on the lateral view).',
          'channel.drill': 'Advance the trocar past the posterior wall before drilling.',
        },
      },
      initial: 'choosingEntry',
      on: {
        ...imaging,
        ...patientCare,
        'level.marked': { actions: 'remember the mark' },
        // Punctured over another vertebra than the fracture: a wrong-level procedure ends here.
        'level.wrongLevel': { target: '#procedure.debrief' },
      },
      states: {
        choosingEntry: {
          meta: {
            refuses: {
              'phase.next': CHOOSE_THE_ENTRY,
              'local.anaesthetic': CHOOSE_THE_ENTRY,
              'needle.aim': CHOOSE_THE_ENTRY,
              'needle.advance': CHOOSE_THE_ENTRY,
              'needle.tap': CHOOSE_THE_ENTRY,
            },
          },
          on: {
            'level.mark': allowed,
            'needle.entry': {
              guard: ENTRY_GUARD,
              target: 'entryChosen',
              actions: ['remember the first pedicle', 'work on the chosen side'],
            },
          },
        },
        entryChosen: {
          on: {
            // A new mark means choosing the entry again (it is measured from the marked vertebra).
            'level.mark': { target: 'choosingEntry' },
            'needle.entry': {
              guard: ENTRY_GUARD,
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
          meta: { refuses: skinPunctured },
          on: {
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'needle.pastPosteriorWall': { target: 'trocarInBody' },
          },
        },
        trocarInBody: {
          meta: { refuses: skinPunctured },
          on: {
            'needle.aim': allowed,
            'needle.advance': allowed,
            'needle.tap': allowed,
            'phase.next': { target: '#procedure.workingChannel' },
          },
        },
      },
    },
    workingChannel: workingChannelPhase,
    balloon: balloonPhase,
    cement: {
      meta: { refuses: { ...patientPositioned, ...balloonOver, ...cementToCome } },
      initial: 'unmixed',
      on: {
        ...imaging,
        ...patientCare,
        'cement.delivered': { actions: 'record cement delivered' },
      },
      states: {
        unmixed: {
          meta: {
            refuses: {
              'cement.inject': 'Mix the cement before injecting.',
              'cement.stop': 'There is no cement to stop: mix it first.',
              'cement.tackTest': 'There is no cement to touch yet: mix it first.',
              'cement.load': 'Mix the cement first: the devices are filled from the mixed batch.',
              'phase.next': 'Mix the cement first.',
            },
          },
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
          meta: { refuses: { 'cement.mix': 'The cement is already mixed.' } },
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
              { guard: and(['cement delivered', 'every side cemented']), target: '#procedure.instrumentRemoval' },
            ],
          },
        },
      },
    },
    instrumentRemoval: {
      meta: { refuses: { ...patientPositioned, ...cementOver } },
      initial: 'inPlace',
      on: { ...imaging, ...patientCare },
      states: {
        inPlace: {
          meta: {
            refuses: {
              'phase.next': 'Remove the instruments first.',
              'level.next': 'Remove the instruments first.',
              ...compressionToCome,
            },
          },
          on: { 'instruments.remove': { target: 'removed' } },
        },
        removed: {
          meta: { refuses: { 'instruments.remove': 'The instruments are already out.' } },
          on: {
            ...siteCare,
            // Two levels: the first closed, the second is found, marked and entered as the first was.
            'level.next': {
              guard: 'another level to treat',
              target: '#procedure.access',
              actions: 'turn to the next level',
            },
            'phase.next': { guard: 'every level treated', target: '#procedure.finalImages' },
          },
        },
      },
    },
    finalImages: {
      meta: {
        refuses: {
          ...patientPositioned,
          ...cementOver,
          'phase.next': ({ context }) => `Take ${missingViews(context)} before finishing.`,
        },
      },
      entry: 'forget the images',
      on: {
        ...imaging,
        ...patientCare,
        ...siteCare,
        'image.acquired': { actions: 'record the image' },
        'phase.next': { guard: 'AP and lateral taken in this phase', target: 'recovery' },
      },
    },
    recovery: {
      meta: { refuses: { ...cArmGone, ...patientPositioned, ...cementOver } },
      initial: 'observing',
      on: { ...timeAndPedalRelease, ...patientCare, ...siteCare, 'counsel.give': allowed },
      states: {
        observing: {
          meta: { refuses: { 'phase.next': 'Decide how the patient goes home first.' } },
          on: { 'discharge.decide': { target: 'decided' } },
        },
        decided: {
          meta: { refuses: { 'discharge.decide': 'The discharge decision is already made.' } },
          on: { 'phase.next': { target: '#procedure.debrief' } },
        },
      },
    },
    debrief: { type: 'final' },
  },
});

/** A snapshot of the procedure machine. */
export type ProcedureSnapshot = SnapshotFrom<typeof procedureMachine>;
