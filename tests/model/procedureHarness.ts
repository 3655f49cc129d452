import { createActor, type Actor } from 'xstate';
import { getShortestPaths, type StatePath } from '@xstate/graph';
import type { Command } from '../../sim/core/commands';
import type { DomainEvent, DomainEventType } from '../../sim/core/events';
import { COMMAND_SAMPLES } from './commandSamples';
import { stateValueString } from '../../sim/procedure/phases';
import { procedureMachine, type ProcedureSnapshot } from '../../sim/procedure/procedureMachine';
import type { ProcedureEvent, ProcedureInput } from '../../sim/procedure/procedureTypes';

/** The machine shapes (C-arm kind and mode do not change permissions), and a vertebroplasty of two levels. */
export const INPUTS = {
  kyphoplastyUni: {
    procedure: 'kyphoplasty',
    approach: 'unipedicular',
    carm: 'single-plane',
    mode: 'practice',
    levels: 1,
  },
  kyphoplastyBi: { procedure: 'kyphoplasty', approach: 'bipedicular', carm: 'biplane', mode: 'exam', levels: 1 },
  vertebroplastyUni: {
    procedure: 'vertebroplasty',
    approach: 'unipedicular',
    carm: 'single-plane',
    mode: 'exam',
    levels: 1,
  },
  vertebroplastyBi: {
    procedure: 'vertebroplasty',
    approach: 'bipedicular',
    carm: 'biplane',
    mode: 'practice',
    levels: 1,
  },
  vertebroplastyTwoLevels: {
    procedure: 'vertebroplasty',
    approach: 'unipedicular',
    carm: 'single-plane',
    mode: 'practice',
    levels: 2,
  },
} as const satisfies Record<string, ProcedureInput>;

/** One sample of every domain event type (the mapped type fails to compile if one is missing). */
const DOMAIN_EVENT_BY_TYPE: { readonly [T in DomainEventType]: Extract<DomainEvent, { type: T }> } = {
  'image.acquired': { type: 'image.acquired', view: 'AP' },
  'carm.moved': { type: 'carm.moved', view: 'lateral' },
  'image.stored': { type: 'image.stored', view: 'AP' },
  'needle.skinPunctured': { type: 'needle.skinPunctured' },
  'needle.docked': { type: 'needle.docked' },
  'needle.inPedicle': { type: 'needle.inPedicle' },
  'needle.pastPosteriorWall': { type: 'needle.pastPosteriorWall' },
  'needle.inTargetZone': { type: 'needle.inTargetZone' },
  'needle.breach': { type: 'needle.breach', wall: 'medial', depthMm: 2 },
  'needle.safetyRuleViolated': { type: 'needle.safetyRuleViolated' },
  'needle.skived': { type: 'needle.skived', mm: 0.25 },
  'needle.stalled': { type: 'needle.stalled', tissue: 'cortical' },
  'needle.missedPedicle': { type: 'needle.missedPedicle', direction: 'lateral' },
  handInBeam: { type: 'handInBeam', view: 'AP' },
  'channel.ready': { type: 'channel.ready' },
  'channel.short': { type: 'channel.short', channelMm: 10, moreMm: 6 },
  'balloon.endplateContact': { type: 'balloon.endplateContact' },
  'balloon.pressureLimit': { type: 'balloon.pressureLimit', pressurePsi: 300 },
  'balloon.ruptured': { type: 'balloon.ruptured', pressurePsi: 420 },
  'balloon.cortexBreached': { type: 'balloon.cortexBreached', wall: 'lateral', pressurePsi: 350 },
  'balloon.inflated': { type: 'balloon.inflated' },
  'balloon.deflated': { type: 'balloon.deflated' },
  'cement.phaseChanged': { type: 'cement.phaseChanged', phase: 'working' },
  'cement.leak': { type: 'cement.leak', location: 'venous', volumeMl: 0.2 },
  'cement.delivered': { type: 'cement.delivered' },
  'cement.set': { type: 'cement.set' },
  'cement.tack': { type: 'cement.tack', feel: 'doughy' },
  'cement.deviceEmpty': { type: 'cement.deviceEmpty' },
  'cannula.stuck': { type: 'cannula.stuck' },
  // Over the fracture only: a mark elsewhere would double every later state of the graph (the
  // practice refusal and the exam's wrong-level end have tests of their own, levelLocalisation.test.ts).
  'level.marked': { type: 'level.marked', level: 'L1', overFracture: true },
  'level.wrongLevel': { type: 'level.wrongLevel', marked: 'L2', target: 'L1' },
  'patient.alarm': { type: 'patient.alarm', alarm: 'spo2Low', signal: 'spo2Pct', value: 88 },
  'patient.alarmCleared': { type: 'patient.alarmCleared', alarm: 'spo2Low', signal: 'spo2Pct', value: 92 },
  'patient.complication': { type: 'patient.complication', kind: 'cementEmbolism', severity: 'moderate' },
  'patient.neuroExamined': { type: 'patient.neuroExamined', normal: true, abnormal: [] },
  'patient.moved': { type: 'patient.moved', from: 'left', shiftMm: 3, pain: 7 },
};

/**
 * Every domain event type, plus the second view so both images can be taken; but the wrong-level
 * puncture, which ends the procedure from any state of access with that state's context (a path
 * to the end for each one): procedureEvents.test.ts sends it from every reachable state instead.
 */
export const DOMAIN_EVENT_SAMPLES: readonly DomainEvent[] = [
  ...Object.values(DOMAIN_EVENT_BY_TYPE).filter((e) => e.type !== 'level.wrongLevel'),
  { type: 'image.acquired', view: 'lateral' },
];

/** The wrong-level puncture (left out of the graph's events, above). */
export const WRONG_LEVEL_EVENT: DomainEvent = DOMAIN_EVENT_BY_TYPE['level.wrongLevel'];

/** Every command sample, plus releasing the pedal. */
export const COMMAND_EVENT_SAMPLES: readonly Command[] = [
  ...Object.values(COMMAND_SAMPLES).flat(),
  { type: 'fluoro.expose', on: false },
];

/** The events the graph is explored with: small payload variety keeps it finite and small. */
export const GRAPH_EVENTS: readonly ProcedureEvent[] = [...COMMAND_EVENT_SAMPLES, ...DOMAIN_EVENT_SAMPLES];

type ProcedurePath = StatePath<ProcedureSnapshot, ProcedureEvent>;
const pathCache = new Map<ProcedureInput, ProcedurePath[]>();

/** Shortest paths from the start to every reachable (state, context) of the machine. */
export function procedurePaths(input: ProcedureInput): ProcedurePath[] {
  let paths = pathCache.get(input);
  if (!paths) {
    paths = getShortestPaths(procedureMachine, { input, events: GRAPH_EVENTS });
    pathCache.set(input, paths);
  }
  return paths;
}

/** A started actor. */
export function startProcedure(input: ProcedureInput): Actor<typeof procedureMachine> {
  const actor = createActor(procedureMachine, { input });
  actor.start();
  return actor;
}

/** A started actor driven along the shortest path to the first state whose dotted value is `value`. */
export function actorAt(input: ProcedureInput, value: string): Actor<typeof procedureMachine> {
  const path = procedurePaths(input).find((p) => stateValueString(p.state) === value);
  if (!path) throw new Error(`${value} is not reachable for ${JSON.stringify(input)}`);
  const actor = startProcedure(input);
  for (const step of path.steps) actor.send(step.event);
  return actor;
}

/** Bipedicular kyphoplasty: both channels, then both balloons together, then cement on each side. */
function bothSidesTogether(): ProcedureEvent[] {
  const input = INPUTS.kyphoplastyBi;
  const channel = (side: 'left' | 'right') => oneSide(input, side).slice(0, 17);
  return [
    ...channel('left'),
    ...channel('right'),
    { type: 'balloon.insert' },
    { type: 'side.select', side: 'left' },
    { type: 'balloon.insert' },
    { type: 'balloon.inflate', mL: 1 },
    { type: 'balloon.inflated' },
    { type: 'side.select', side: 'right' },
    { type: 'balloon.inflate', mL: 1 },
    { type: 'balloon.inflated' },
    { type: 'balloon.deflate' },
    { type: 'balloon.deflated' },
    { type: 'side.select', side: 'left' },
    { type: 'balloon.deflate' },
    { type: 'balloon.deflated' },
    { type: 'balloon.remove' },
    { type: 'side.select', side: 'right' },
    { type: 'balloon.remove' },
    { type: 'phase.next' },
    ...oneSide(input, 'right').slice(24, -1),
    { type: 'side.select', side: 'left' },
    ...oneSide(input, 'left').slice(24),
  ];
}

/** The events of a complete, uneventful procedure for one side (from access to cement). */
function oneSide(input: ProcedureInput, side: 'left' | 'right'): ProcedureEvent[] {
  return [
    { type: 'needle.entry', side, lateralMm: 0, cranialMm: 0 },
    { type: 'local.anaesthetic' },
    { type: 'needle.aim', medialDeg: 20, caudalDeg: 10 },
    { type: 'needle.advance', mm: 40 },
    { type: 'needle.skinPunctured' },
    { type: 'needle.docked' },
    { type: 'needle.inPedicle' },
    { type: 'needle.pastPosteriorWall' },
    { type: 'phase.next' },
    ...(input.procedure === 'kyphoplasty'
      ? ([
          { type: 'instrument.exchange', step: 'stylet.remove' },
          { type: 'instrument.exchange', step: 'guidePin.insert' },
          { type: 'instrument.exchange', step: 'needle.remove' },
          { type: 'instrument.exchange', step: 'introducer.insert' },
          { type: 'instrument.exchange', step: 'guidePin.remove' },
          { type: 'channel.drill', mm: 15 },
          { type: 'channel.ready' },
        ] as const)
      : ([{ type: 'instrument.exchange', step: 'stylet.remove' }] as const)),
    { type: 'phase.next' },
    ...(input.procedure === 'kyphoplasty'
      ? ([
          { type: 'balloon.insert' },
          { type: 'balloon.inflate', mL: 2 },
          { type: 'balloon.inflated' },
          { type: 'balloon.deflate' },
          { type: 'balloon.deflated' },
          { type: 'balloon.remove' },
          { type: 'phase.next' },
        ] as const)
      : []),
    { type: 'cement.mix' },
    { type: 'time.wait', s: 300 },
    { type: 'cement.inject', mL: 1 },
    { type: 'cement.delivered' },
    { type: 'phase.next' },
  ];
}

/** Every event of a complete, uneventful procedure, as the session would send them. */
export function happyPath(input: ProcedureInput): ProcedureEvent[] {
  return [
    { type: 'checklist.tick', item: 'history' },
    { type: 'checklist.tick', item: 'imaging' },
    { type: 'checklist.tick', item: 'candidacy' },
    { type: 'phase.next' },
    ...(['consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'] as const).map(
      (item) => ({ type: 'checklist.tick', item }) as const,
    ),
    { type: 'phase.next' },
    { type: 'patient.position', position: 'prone' },
    { type: 'phase.next' },
    { type: 'carm.view', view: 'AP' },
    { type: 'fluoro.expose', on: true },
    { type: 'image.acquired', view: 'AP' },
    { type: 'fluoro.expose', on: false },
    { type: 'carm.view', view: 'lateral' },
    { type: 'fluoro.expose', on: true },
    { type: 'image.acquired', view: 'lateral' },
    { type: 'fluoro.expose', on: false },
    { type: 'level.mark' },
    { type: 'level.marked', level: 'L1', overFracture: true },
    { type: 'phase.next' },
    ...oneLevel(input),
    // A second level: closed the first, it is marked and treated as the first was.
    ...(input.levels === 2
      ? [
          { type: 'level.next' } as const,
          { type: 'level.mark' } as const,
          { type: 'level.marked', level: 'L2', overFracture: true } as const,
          ...oneLevel(input),
        ]
      : []),
    { type: 'phase.next' },
    { type: 'image.acquired', view: 'AP' },
    { type: 'image.acquired', view: 'lateral' },
    { type: 'phase.next' },
    { type: 'discharge.decide', decision: 'same-day' },
    { type: 'phase.next' },
  ];
}

/** The events of one level, from the skin entry to the instruments out. */
function oneLevel(input: ProcedureInput): ProcedureEvent[] {
  return [
    ...(input.procedure === 'kyphoplasty' && input.approach === 'bipedicular'
      ? bothSidesTogether()
      : [...oneSide(input, 'left'), ...(input.approach === 'bipedicular' ? oneSide(input, 'right') : [])]),
    { type: 'instruments.remove' },
  ];
}

/** Whether an event is one of the trainee's commands (rather than a world fact). */
export function isCommand(event: ProcedureEvent): event is Command {
  return COMMAND_EVENT_SAMPLES.some((sample) => sample.type === event.type);
}
