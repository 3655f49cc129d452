import type { DomainEvent, TrainingMode } from '../../sim/core';

type DomainEventType = DomainEvent['type'];

/**
 * What exam mode may show on the procedure screen: the one place the rule lives. In an exam the
 * trainee reads the patient as in the OR: off the images they take, the instruments in their hands
 * (angles set, taps, a push that stalls, the manometer, the syringe's volume, the cement's clock
 * and tack test) and the radiation meter. Everything the simulator knows but an operator would
 * have to see on an image (tissue at the tip, where the tip is, breaches, depth, the cement's
 * phase and viscosity, leaks, heights regained) or that coaches (hints, "step complete", the
 * textbook pressure band) is practice only.
 *
 * Each panel lists its items with where they show: 'always' (exam and practice) or 'practice'.
 * The panels, the events feed (describeEvent.ts), the phase header and the case screen ask
 * `shows(mode, item)`; tests/unit/examVisibility.test.ts renders every panel on every phase of a
 * scripted expert attempt in both modes and checks the exam text for the clues listed here.
 */
export type Visibility = 'always' | 'practice';

export const EXAM_VISIBILITY = {
  /** The phase strip and its instruction line. */
  phaseHeader: {
    strip: 'always',
    instruction: 'always',
    /** "step complete: Enter to continue" says the machine would accept the next step. */
    stepComplete: 'practice',
    /** The coaching line: ideal trajectory, what to do next, pressure and volume targets. */
    hint: 'practice',
    /**
     * The header's data attributes for tests: the machine's sub-state (access.trocarInBody says the
     * tip is past the posterior wall, workingChannel.channelReady that the drill reached the target)
     * and whether the next step would be accepted ("step complete" again). Not on screen, but in the
     * page, where an exam must not put them.
     */
    machineState: 'practice',
  },
  actionBar: {
    /**
     * The bar lists the actions the machine accepts now; the Next step button appearing would be
     * the "step complete" banner again, so an exam shows it throughout (pressing it early is refused).
     */
    nextStepOnlyWhenAccepted: 'practice',
  },
  /** Case review and pre-op: the history, findings, imaging report and labs are the case itself. */
  caseScreen: {
    caseRecord: 'always',
    /** "supports" / "against" on each finding is the answer to the candidacy question. */
    findingVerdicts: 'practice',
    /** The standing lateral film, the MRI/CT report and the trainee's own measurement on the film are case data. */
    preopFilm: 'always',
    /** The anatomy's true wedge and height loss beside the trainee's measurement: the answer to the measuring task. */
    measurementTruth: 'practice',
  },
  trocar: {
    side: 'always',
    entryOffset: 'always',
    /** The angles the hand set. */
    angles: 'always',
    instrumentsInPatient: 'always',
    /** What the hand felt last (worded without naming the tissue in an exam: see events). */
    feel: 'always',
    malletTaps: 'always',
    skives: 'always',
    redirections: 'always',
    /** How deep the tip is: read off the lateral image. */
    depth: 'practice',
    tissueAtTip: 'practice',
    /** In the pedicle / body / target zone. */
    progress: 'practice',
    missedPedicle: 'practice',
    /** Length of the drilled channel (its depth against the target shows on the lateral image). */
    channelLength: 'practice',
    safetyRule: 'practice',
    /** The breach list, and its "No breach". */
    breaches: 'practice',
  },
  balloon: {
    /** The manometer's dial and number, without the textbook working band. */
    manometer: 'always',
    workingBand: 'practice',
    /** Volume pushed from the syringe, its peak and the largest fill. */
    volume: 'always',
    peakPressure: 'always',
    ruptured: 'always',
    controls: 'always',
    /** The cavity the balloon made (a model figure no device reads). */
    cavity: 'practice',
    /** The live pressure-volume curve: a coaching plot of when pressure climbs without volume. */
    pressureVolumePlot: 'practice',
    endplateContact: 'practice',
    cortexContact: 'practice',
    contrastLeaked: 'practice',
    /** Heights now and regained: measured on the images. */
    heightRestoration: 'practice',
  },
  cement: {
    clock: 'always',
    tackTest: 'always',
    delivery: 'always',
    injected: 'always',
    queued: 'always',
    cannulaStuck: 'always',
    phase: 'practice',
    viscosity: 'practice',
    /** Push pressure follows viscosity: it would give the phase away. */
    pushPressure: 'practice',
    inBody: 'practice',
    leaked: 'practice',
    leakList: 'practice',
    /** The red panel when cement has leaked. */
    leakAlarm: 'practice',
  },
  /**
   * The patient monitor and the team at the table: an operator sees the bedside monitor, hears its
   * alarms, asks about pain, judges sedation and knows what was given, in an exam as in practice.
   */
  patient: {
    /** Heart rate, blood pressure, SpO2, breathing rate, and "LOW" / "HIGH" beside a value in alarm. */
    vitals: 'always',
    /** Pain (0-10) and sedation (RASS). */
    assessment: 'always',
    /** Midazolam given and the oxygen flow. */
    given: 'always',
    /** The alarm line (the monitor sounds in the room). */
    alarms: 'always',
  },
  dose: {
    meters: 'always',
    carm: 'always',
    /** How far the pose is from the true view: judged on the image. */
    offTrueView: 'practice',
  },
} as const satisfies Record<string, Record<string, Visibility>>;

export type ExamPanel = keyof typeof EXAM_VISIBILITY;
export type ExamItem = { [P in ExamPanel]: `${P}.${string & keyof (typeof EXAM_VISIBILITY)[P]}` }[ExamPanel];

/**
 * Events in the feed: 'always' as worded, 'practice' (left out of an exam), or 'neutral' (an exam
 * gets a line that says what the hands did or felt, without what the simulator knows: describeEvent
 * has both wordings). Every event type is listed, so a new one must be placed here to compile.
 */
export const EXAM_EVENT_VISIBILITY: { readonly [T in DomainEventType]: Visibility | 'neutral' | 'never' } = {
  'image.acquired': 'never',
  'image.stored': 'always',
  'carm.moved': 'always',
  'needle.skinPunctured': 'always',
  /** Practice says whether the mark is over the fracture; an exam says only that the skin is marked. */
  'level.marked': 'neutral',
  /** A wrong-level puncture ends the case; the debrief says why. */
  'level.wrongLevel': 'practice',
  'needle.docked': 'always',
  'needle.inPedicle': 'practice',
  'needle.pastPosteriorWall': 'practice',
  'needle.inTargetZone': 'practice',
  'needle.breach': 'practice',
  /** The push stalls in the hand; which tissue stopped it is for the image. */
  'needle.stalled': 'neutral',
  'needle.skived': 'always',
  'needle.missedPedicle': 'practice',
  'needle.safetyRuleViolated': 'practice',
  handInBeam: 'always',
  /** The drill stopped: whether the channel reached the target is for the lateral image. */
  'channel.ready': 'neutral',
  'channel.short': 'neutral',
  'balloon.endplateContact': 'practice',
  /** The manometer shows it. */
  'balloon.pressureLimit': 'always',
  /** The manometer drops at once. */
  'balloon.ruptured': 'always',
  'balloon.cortexBreached': 'practice',
  'balloon.inflated': 'always',
  'balloon.deflated': 'always',
  'cement.phaseChanged': 'practice',
  'cement.leak': 'practice',
  'cement.delivered': 'practice',
  'cement.set': 'practice',
  /** The glove's feel; practice adds what it means. */
  'cement.tack': 'neutral',
  'cement.deviceEmpty': 'always',
  'cannula.stuck': 'always',
  /** The monitor sounds in the room. */
  'patient.alarm': 'always',
  'patient.alarmCleared': 'always',
  /** The diagnosis is the trainee's to make from the monitor: an exam shows the signs, not the name. */
  'patient.complication': 'practice',
  /** The trainee's own examination and what it found: they did it, they see it. */
  'patient.neuroExamined': 'always',
  /** The whole room sees the patient jump; practice adds how far and why, an exam leaves that to the next image. */
  'patient.moved': 'neutral',
};

/**
 * Commands whose refusal sentence names a fact of the patient (the machine refuses the next step
 * until the tip is past the posterior wall, an exchange until it reaches the body...). An exam
 * refuses them in plain words instead: that the command was refused is the machine's gate and
 * stays, but not which fact is missing.
 */
export const EXAM_PLAIN_REFUSALS: ReadonlySet<string> = new Set(['phase.next', 'instrument.exchange', 'channel.drill']);

/** The refusal sentence the status line shows in this mode. */
export function shownRefusal(mode: TrainingMode, commandType: string, reason: string, plain: string): string {
  return mode === 'exam' && EXAM_PLAIN_REFUSALS.has(commandType) ? plain : reason;
}

/** Whether an item of a panel shows in this mode. */
export function shows(mode: TrainingMode, item: ExamItem): boolean {
  const [panel, key] = item.split('.') as [ExamPanel, string];
  const visibility = (EXAM_VISIBILITY[panel] as Record<string, Visibility>)[key];
  return visibility === 'always' || mode === 'practice';
}

/** How an event reads in this mode: as worded, in its neutral exam wording, or not at all. */
export function eventVisibility(mode: TrainingMode, type: DomainEventType): 'full' | 'neutral' | 'hidden' {
  const v = EXAM_EVENT_VISIBILITY[type];
  if (v === 'never') return 'hidden';
  if (mode === 'practice' || v === 'always') return 'full';
  return v === 'neutral' ? 'neutral' : 'hidden';
}
