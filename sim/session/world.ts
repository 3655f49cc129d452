import { deliveryFor, scenarioAtLevel, treatedLevels, type Scenario } from '../../levels/scenarioSchema';
import type { Anatomy } from '../anatomy/types';
import { isCArmCommand, type Command, type Side } from '../core/commands';
import type { DomainEvent, LeakLocation } from '../core/events';
import type { Vec3 } from '../math/vec3';
import type { Rng } from '../math/rng';
import { buildAnatomy } from '../anatomy/buildAnatomy';
import { treatedAnatomy, treatedLevelCount } from '../anatomy/treatedAnatomy';
import { Fluoroscope } from '../imaging/fluoroscope';
import { handGrip } from '../imaging/handInBeam';
import { cavityToolFor } from '../instruments/cavityToolFor';
import type { CavityTool } from '../instruments/cavityTool';
import { Cement } from '../instruments/cement';
import { EndplateSupport } from '../instruments/endplateSupport';
import { SharedEndplate } from '../instruments/endplateShare';
import { heightView } from '../instruments/vertebralHeight';
import { createPedicleKit, type PedicleKit } from '../instruments/pedicleKit';
import { mergeCementViews } from '../instruments/mergeCementViews';
import { gaugeToDiameterMm } from '../instruments/trocarGauge';
import { add, scale } from '../math/vec3';
import type { CArmView } from '../imaging/carmView';
import type { DoseView } from '../imaging/doseView';
import type { TrocarView } from '../instruments/trocarView';
import type { BalloonView } from '../instruments/balloonView';
import type { CementView } from '../instruments/cementView';
import type { BreachOpening } from '../instruments/cementOutlets';
import type { HeightView } from '../instruments/heightView';
import { drawTablePlacement, markUnderCentralRay, type SkinMarkView } from '../imaging/levelMark';
import { Patient } from '../patient/patient';
import { bodyVolumeMl } from '../anatomy/bodyVolume';
import { isNormal } from '../patient/neuroExam';
import type { PatientView } from '../patient/patientView';
import { ctReport, type CtLevel } from '../patient/ctReport';
import type { SpineLevel } from '../anatomy/types';
import type { LevelView } from './levelView';

/** How a world steps. */
export interface WorldOptions {
  /**
   * Skip, in each step, the work whose result the step cannot use (default true): the breach
   * openings while no cement is queued, the endplate support's inputs once set cement froze it.
   * Off, every step gathers everything as if anything could use it: the reference the tests
   * compare the shortcuts with, snapshot for snapshot and score for score.
   */
  readonly stepShortcuts?: boolean;
}

/** No trocar or balloon breach for the cement to follow (the openings while no cement is queued). */
const NO_OPENINGS: readonly BreachOpening[] = [];

/** Append every item of from to into (as into.push(...from), without spreading a fresh array each time). */
const pushAll = <T>(into: T[], from: readonly T[]): void => {
  for (const x of from) into.push(x);
};

/**
 * The world owns the numbers: anatomy, C-arm and dose, the instruments of each pedicle, cement
 * and the endplate. It takes accepted commands as control input and, each fixed step, reports
 * what happened as domain events. It knows nothing of phases or permissions (the machine's job).
 */
export class World {
  readonly anatomy: Anatomy;
  readonly fluoroscope: Fluoroscope;
  /**
   * The level being treated (0 the scenario's level, 1 its second level) and the anatomy as its
   * instruments see it (sim/anatomy/treatedAnatomy.ts): the same object as `anatomy` at the first.
   */
  private levelIndex = 0;
  private treated: Anatomy;
  /** Levels finished before this one, as they were closed: their kits no longer step (the set cement stays, the trocars are out). */
  private readonly finishedLevels: LevelView[] = [];
  private levelFromTick = 0;
  /** The venous cement of the finished levels, mL (their kits no longer step). */
  private finishedVenousMl = 0;
  private support: EndplateSupport;
  /** The fractured endplate both balloons push on (bipedicular: lift and load are shared). */
  private plate = new SharedEndplate();
  private readonly kits = new Map<Side, PedicleKit>();
  /** The kits in the order they were made (the map's order), for the step's loops, and their sides. */
  private readonly kitList: PedicleKit[] = [];
  private readonly kitSides: Side[] = [];
  /** The patient: vital signs, drugs and pain (sim/patient/). */
  private readonly patient: Patient;
  /** Each kit's cement in the body and in the balloon's cavity as last read, mL (see updateSupport). */
  private readonly cementReadings = new Map<PedicleKit, { inBodyMl: number; inCavityMl: number }>();
  /** Shown before any instrument exists: an unmixed, empty cement and an uninserted balloon. */
  private readonly noCement: Cement;
  private readonly noBalloon: CavityTool;
  private activeSide: Side | null = null;
  private tickCount = 0;
  /** The radiopaque skin mark (level.mark), with the cranial shift from the target's centre to its vertebra's. */
  private mark: SkinMarkView | null = null;
  /** The skin was punctured over another vertebra than the fracture (reported once). */
  private wrongLevelReported = false;
  /** Facts of the last command itself (the mark), reported before the next step (takeCommandEvents). */
  private readonly commandEvents: DomainEvent[] = [];
  private readonly shortcuts: boolean;

  constructor(
    readonly scenario: Scenario,
    rng: Rng,
    options: WorldOptions = {},
  ) {
    this.shortcuts = options.stepShortcuts ?? true;
    this.anatomy = buildAnatomy(scenario, rng.fork('anatomy'));
    this.treated = this.anatomy;
    this.fluoroscope = new Fluoroscope(this.anatomy, scenario.equipment.carm, rng.fork('fluoroscope'));
    this.support = new EndplateSupport(this.anatomy);
    this.noCement = new Cement(this.anatomy, scenario.cement, deliveryFor(scenario));
    this.noBalloon = cavityToolFor(this.anatomy, scenario);
    const table = drawTablePlacement(this.anatomy, rng.fork('table'));
    this.fluoroscope.placeTable(table.startPanMm, table.rangeMm);
    // A fork of its own: the patient's draws shift no other stream (forks do not advance the parent).
    this.patient = new Patient(scenario.patient, rng.fork('patient'), scenario.equipment.trocarGauge);
    this.patient.fractures(treatedLevels(scenario).map((l) => l.level));
  }

  /** Why the world cannot take an accepted command (a drug over its limit), or undefined. */
  refusal(command: Command): string | undefined {
    return this.patient.refusal(command);
  }

  /** The facts the last applied command produced at once (the mark's level), for the machine before any step. */
  takeCommandEvents(): DomainEvent[] {
    return this.commandEvents.splice(0, this.commandEvents.length);
  }

  /** Apply an accepted command as control input. */
  apply(command: Command): void {
    if (isCArmCommand(command)) {
      this.fluoroscope.apply(command);
      return;
    }
    const kit = this.kit();
    // The patient feels the hands first (the needle.entry below sets the side for what follows).
    this.patient.apply(command, this.activeSide);
    switch (command.type) {
      case 'level.mark': {
        // The pan is measured from the first level (the frame's centre); the entry offsets from the
        // level being treated.
        const { segment, mark } = markUnderCentralRay(this.anatomy, this.fluoroscope.pan);
        const target = this.treated.vertebrae[this.treated.targetIndex];
        this.mark = { ...mark, vertebraOffsetMm: segment.centreY - target.centre.y };
        this.commandEvents.push({
          type: 'level.marked',
          level: segment.level,
          overFracture: segment.level === target.level,
        });
        return;
      }
      case 'level.next':
        this.turnToNextLevel();
        return;
      case 'neuro.examine': {
        // The examination is a fact of its own, for the debrief and scoring: what was found, and when.
        const exam = this.patient.examine(this.tickCount);
        this.commandEvents.push({
          type: 'patient.neuroExamined',
          normal: exam.normal,
          abnormal: exam.findings.filter((f) => !isNormal(f)),
        });
        return;
      }
      case 'imaging.ct':
        this.patient.recordCt(ctReport(this.ctLevels(), this.tickCount));
        return;
      case 'needle.entry': {
        let chosen = this.kits.get(command.side);
        if (!chosen) {
          chosen = createPedicleKit(this.treated, scenarioAtLevel(this.scenario, this.levelIndex));
          // Both sides' cement fills one body.
          for (const other of this.kits.values()) chosen.cement.shareBodyWith(other.cement);
          this.kits.set(command.side, chosen);
          this.kitList.push(chosen);
          this.kitSides.push(command.side);
        }
        this.activeSide = command.side;
        // The entry offsets are from the pedicle of the marked vertebra: over another vertebra than
        // the fracture, the needle goes in that far cranial or caudal (the machine asks for a mark first).
        chosen.trocar.setEntry(command.side, command.lateralMm, command.cranialMm + (this.mark?.vertebraOffsetMm ?? 0));
        return;
      }
      case 'side.select':
        // Only a pedicle that has its instruments can be worked on (the machine allows it only then).
        // The hand leaves the cement plunger of the side it turns from; a balloon's syringe keeps its course.
        if (!this.kits.has(command.side)) return;
        kit?.cement.stop();
        this.activeSide = command.side;
        return;
      case 'needle.aim':
        kit?.trocar.aim(command.medialDeg, command.caudalDeg);
        return;
      case 'needle.advance':
        kit?.trocar.requestAdvance(command.mm);
        return;
      case 'needle.tap':
        kit?.trocar.tap();
        return;
      case 'instrument.exchange':
        kit?.trocar.exchange(command.step);
        return;
      case 'channel.drill':
        kit?.trocar.drill(command.mm);
        return;
      case 'balloon.insert': {
        const t = kit?.trocar.view();
        // The balloon goes to the end of the drilled channel, ahead of the cannula tip.
        if (kit && t) kit.balloon.insert(add(t.tip, scale(t.direction, t.channelMm)), t.direction);
        return;
      }
      case 'balloon.inflate':
        kit?.balloon.inflate(command.mL);
        return;
      case 'balloon.deflate':
        kit?.balloon.deflate();
        return;
      case 'balloon.remove':
        kit?.balloon.remove();
        return;
      case 'cement.mix':
        kit?.cement.mix();
        return;
      case 'cement.tackTest':
        kit?.cement.tackTest();
        return;
      case 'cement.load':
        kit?.cement.delivery.loadNext();
        return;
      case 'cement.inject':
        kit?.cement.inject(command.mL);
        return;
      case 'cement.stop':
        kit?.cement.stop();
        return;
      case 'instruments.remove':
        for (const k of this.kits.values()) {
          k.trocar.removeAll();
          k.cement.cannulaRemoved();
        }
        return;
      default:
        // Checklist, positioning, discharge, phase changes and waits are the machine's and the
        // session's business; drugs and oxygen are the patient's (above).
        return;
    }
  }

  /** One fixed step; returns the domain events it produced. */
  step(dtS: number): DomainEvent[] {
    const events: DomainEvent[] = [];
    const kits = this.kitList;
    // Whether each side's cement has a push queued. Only a push reads the breach openings and the
    // balloon's centre, and a cement pushes only what was queued before the step (nothing queues
    // cement during a step), so without one they are not gathered.
    const pushed = kits.map((k) => k.cement.pendingMl > 0);
    const pushing = !this.shortcuts || pushed.includes(true);
    // Read before the trocars step (the openings as the last step left them).
    const breachOpenings = pushing ? this.breachOpenings() : NO_OPENINGS;
    // The trocars step first so that the C-arm knows where the hands were during this step; their
    // events still follow the C-arm's in the list.
    const trocarEvents: DomainEvent[][] = [];
    for (const k of kits) trocarEvents.push(k.trocar.step(dtS, this.tickCount));
    // The nerves next to the pedicle feel the trocar's breaches through the inferior and medial walls.
    const level = this.treatedLevel();
    for (let i = 0; i < kits.length; i++)
      this.patient.pedicleBreaches(
        level,
        this.kitSides[i],
        kits[i].trocar.breachDepthMm('inferior'),
        kits[i].trocar.breachDepthMm('medial'),
      );
    pushAll(events, this.fluoroscope.step(dtS, { hands: this.handsOnInstruments(kits) }));
    // The fluoroscope reports one 'image.acquired' per pedal press, but while the pedal stays down
    // with the C-arm still, every pulse refreshes the live image: the cement is being watched.
    // (The C-arm's view, with its pose, is built only while the pedal is down.)
    const imageAcquired =
      events.some((e) => e.type === 'image.acquired') ||
      (this.fluoroscope.exposing && this.fluoroscope.carmView().movingS === 0);
    const kyphoplasty = this.scenario.procedure === 'kyphoplasty';
    for (const k of kits) k.balloon.shareEndplate(this.plate);
    for (let i = 0; i < kits.length; i++) {
      const k = kits[i];
      const produced = trocarEvents[i];
      pushAll(events, produced);
      for (const e of produced) this.patient.notice(e, this.kitSides[i]);
      if (produced.some((e) => e.type === 'needle.skinPunctured')) this.checkLevel(events);
      const balloonEvents = k.balloon.step(dtS);
      pushAll(events, balloonEvents);
      // The patient meets the contrast of a ruptured balloon and the first cement (an allergy: sim/patient/anaphylaxis.ts).
      for (const e of balloonEvents) this.patient.notice(e, this.kitSides[i]);
      // Only a kyphoplasty balloon makes a cavity (a vertebroplasty's unused balloon would report the lift's space).
      const cavityMl = kyphoplasty ? k.balloon.cavityMl : 0;
      const cementEvents = k.cement.step(dtS, {
        tick: this.tickCount,
        cannulaTip: k.trocar.openChannelTip(),
        cavityMl,
        cavityKeptShare: k.balloon.cavityKeptShare,
        cavityCentre: pushing && kyphoplasty && k.balloon.cavityMl > 0 ? k.balloon.view().centre : undefined,
        cavityWall: k.balloon.cavityWall,
        breachOpenings,
        imageAcquired,
      });
      pushAll(events, cementEvents);
      for (const e of cementEvents) this.patient.notice(e, this.kitSides[i]);
    }
    this.updateSupport(kits, pushed);
    // The veins take cement only under a push; the patient reads the cement model's own venous volume.
    // The finished levels' venous cement stays counted (the patient reads a total that only grows).
    if (pushed.includes(true)) {
      this.patient.venousCement(kits.reduce((s, k) => s + k.cement.venousLeakMl, this.finishedVenousMl));
      // The cement in this level's body stabilises its fracture (the pain on sitting up in recovery).
      const body = bodyVolumeMl(this.treated.vertebrae[this.treated.targetIndex]);
      this.patient.augmentation(level, kits.reduce((s, k) => s + k.cement.inBodyMl, 0) / body);
      // Cement in the foramen and the canal of this level presses on its root and its cord or cauda equina.
      this.patient.neuralLeaks(
        level,
        kits.reduce((s, k) => s + k.cement.leakMl('foraminal'), 0),
        kits.reduce((s, k) => s + k.cement.leakMl('epidural'), 0),
      );
    }
    const patientEvents = this.patient.step(dtS);
    pushAll(events, patientEvents);
    for (const e of patientEvents) if (e.type === 'patient.moved') this.patientMoved(e.from, e.shiftMm);
    this.tickCount++;
    return events;
  }

  /**
   * The patient flinched away from the side that hurt (sim/patient/painMovement.ts): the spine
   * moves under the C-arm and under each needle's handle, both of which stay with the table.
   */
  private patientMoved(from: Side, shiftMm: number): void {
    // Toward the patient's left is +x (the left pedicle's entry is lateral in +x).
    const dxMm = from === 'left' ? -shiftMm : shiftMm;
    this.fluoroscope.shiftPatient(dxMm);
    for (const k of this.kitList) k.trocar.jolt(dxMm);
  }

  /**
   * Where the operator's hands are this step (sim/imaging/handInBeam.ts): on the outer end of each
   * instrument they work, a push, pull, tap or the drill (Trocar.handsOn) or a cement push through
   * the cannula. The balloon's syringe is on tubing away from the field and does not count. Only
   * asked while the pedal is down (the hands matter to the dose only then).
   */
  private handsOnInstruments(kits: readonly PedicleKit[]): Vec3[] {
    if (!this.fluoroscope.exposing) return [];
    const hands: Vec3[] = [];
    for (const k of kits) {
      const t = k.trocar.view();
      if (!t || t.removed) continue;
      if (k.trocar.handsOn || k.cement.pendingMl > 0) hands.push(handGrip(t));
    }
    return hands;
  }

  /**
   * A skin puncture at a mark over another vertebra than the fracture is a wrong-level procedure.
   * The trocar, balloon and cement models are built around the fractured body (the anatomy's frame
   * and its target), so the world does not pretend to treat a neighbour: it reports the error and
   * the machine ends the procedure there.
   */
  private checkLevel(events: DomainEvent[]): void {
    const target = this.treated.vertebrae[this.treated.targetIndex].level;
    if (this.wrongLevelReported || !this.mark || this.mark.level === target) return;
    this.wrongLevelReported = true;
    events.push({ type: 'level.wrongLevel', marked: this.mark.level, target });
  }

  /**
   * Both balloons push on the same endplate (a SharedEndplate: their forces add, so they lift it
   * further and each carries part of the load), so their lifts are the same; cavities and cement add up.
   */
  private updateSupport(kits: readonly PedicleKit[], pushed: readonly boolean[]): void {
    // Each cement is read in full after a step in which it could have moved (it had a push queued)
    // and after its first step; the reference reads its whole view after every step, as the support
    // once did. Its cells fill only in a push, so its sums hold in between. (The deposits and
    // distribution its view caches are those of the cement as the push that changed it left it,
    // whenever they are read: cementBodyFlow.ts.)
    for (let i = 0; i < kits.length; i++) {
      const k = kits[i];
      if (this.shortcuts && !pushed[i] && this.cementReadings.has(k)) continue;
      if (!this.shortcuts) k.cement.view();
      this.cementReadings.set(k, { inBodyMl: k.cement.inBodyMl, inCavityMl: k.cement.cavityFilledMl });
    }
    // Set cement froze the lift: an update would change nothing.
    if (this.shortcuts && this.support.isFrozen) return;
    // Both balloons push on one plate: the higher of their lifts, each measure on its own, and at
    // least 0 (Math.max taken pairwise from 0 is Math.max of them all). Sums in the kits' order, from 0.
    const balloonLift = { anteriorMm: 0, middleMm: 0 };
    const balloonPeakLift = { anteriorMm: 0, middleMm: 0 };
    let cavityMl = 0;
    let balloonVolumeMl = 0;
    let cementInCavityMl = 0;
    let cementInBodyMl = 0;
    let used = 0;
    let usedSet = 0;
    for (const k of kits) {
      const reading = this.cementReadings.get(k) ?? { inBodyMl: 0, inCavityMl: 0 };
      const lift = k.balloon.lift();
      balloonLift.anteriorMm = Math.max(balloonLift.anteriorMm, lift.anteriorMm);
      balloonLift.middleMm = Math.max(balloonLift.middleMm, lift.middleMm);
      const peak = k.balloon.peakLift();
      balloonPeakLift.anteriorMm = Math.max(balloonPeakLift.anteriorMm, peak.anteriorMm);
      balloonPeakLift.middleMm = Math.max(balloonPeakLift.middleMm, peak.middleMm);
      cavityMl += k.balloon.cavityMl;
      balloonVolumeMl += k.balloon.volumeMl;
      cementInCavityMl += reading.inCavityMl;
      cementInBodyMl += reading.inBodyMl;
      if (k.cement.injectedMl > 0) {
        used++;
        if (k.cement.isSet) usedSet++;
      }
    }
    this.support.update({
      balloonLift,
      balloonPeakLift,
      cavityMl,
      balloonVolumeMl,
      cementInCavityMl,
      cementInBodyMl,
      cementSet: used > 0 && usedSet === used,
    });
  }

  private kit(): PedicleKit | undefined {
    return this.activeSide ? this.kits.get(this.activeSide) : undefined;
  }

  /** Trocar breaches are openings cement can follow (the cement model: a breach is a real opening). */
  private breachOpenings(): BreachOpening[] {
    const out: BreachOpening[] = [];
    for (const k of this.kits.values()) {
      const v = k.trocar.view();
      if (!v) continue;
      for (const b of v.breaches) {
        const location: LeakLocation =
          b.wall === 'medial'
            ? 'epidural'
            : b.wall === 'inferior'
              ? 'foraminal'
              : b.wall === 'endplate' || b.wall === 'superior'
                ? 'intradiscal'
                : 'paravertebral';
        // A pleural breach lies beyond a lateral one; cement follows the bone's own hole, not the lung.
        if (b.wall === 'pleura') continue;
        out.push({ position: b.position, diameterMm: gaugeToDiameterMm(v.gauge), location });
      }
    }
    // A balloon that burst through the shell leaves a hole its own size for cement to follow (assumed 3 mm).
    for (const k of this.kits.values()) {
      const breach = k.balloon.view().cortexBreach;
      if (breach) out.push({ position: breach.position, diameterMm: 3, location: 'paravertebral' });
    }
    return out;
  }

  /**
   * The machine has closed one level (its instruments are out): its kits stay as they are (the set
   * cement in the body, the trocars' tracks and breaches) and the next level starts with none, a
   * fresh endplate support and no mark (the level is found and marked again).
   */
  private turnToNextLevel(): void {
    if (this.levelIndex + 1 >= treatedLevelCount(this.anatomy)) return;
    // Its kits no longer step, so what they show is fixed now: kept as the level's view.
    this.finishedLevels.push({
      index: this.levelIndex,
      level: this.treated.vertebrae[this.treated.targetIndex].level,
      fromTick: this.levelFromTick,
      toTick: this.tickCount,
      height: this.heightView(),
      cement: this.levelCementView(),
      trocars: this.kitList.flatMap((k) => k.trocar.view() ?? []),
    });
    this.finishedVenousMl += this.kitList.reduce((s, k) => s + k.cement.venousLeakMl, 0);
    this.levelIndex++;
    this.levelFromTick = this.tickCount;
    this.treated = treatedAnatomy(this.anatomy, this.levelIndex);
    this.kits.clear();
    this.kitList.length = 0;
    this.kitSides.length = 0;
    this.activeSide = null;
    this.support = new EndplateSupport(this.treated);
    this.plate = new SharedEndplate();
    this.mark = null;
  }

  /** The vertebra being treated. */
  private treatedLevel(): SpineLevel {
    return this.treated.vertebrae[this.treated.targetIndex].level;
  }

  /** Each treated level so far as a CT sees it: its visible leaks and the neural walls its trocars breached. */
  private ctLevels(): CtLevel[] {
    const ofLevel = (level: string, cement: CementView, trocars: readonly TrocarView[]): CtLevel => ({
      level,
      cemented: cement.injectedMl > 0,
      leaks: cement.leaks.map((l) => ({ location: l.location, volumeMl: l.volumeMl })),
      breaches: trocars.flatMap((t) => t.breaches.map((b) => ({ side: t.side, wall: b.wall, depthMm: b.depthMm }))),
    });
    return [
      ...this.finishedLevels.map((f) => ofLevel(f.level, f.cement, f.trocars)),
      ofLevel(
        this.treatedLevel(),
        this.levelCementView(),
        this.kitList.flatMap((k) => k.trocar.view() ?? []),
      ),
    ];
  }

  /** The anatomy as the instruments of the level being treated see it. */
  treatedAnatomy(): Anatomy {
    return this.treated;
  }

  /** Each treated level so far, finished ones first, the current last; empty for a one-level procedure. */
  levelViews(): LevelView[] {
    if (treatedLevelCount(this.anatomy) === 1) return [];
    return [
      ...this.finishedLevels,
      {
        index: this.levelIndex,
        level: this.treated.vertebrae[this.treated.targetIndex].level,
        fromTick: this.levelFromTick,
        toTick: null,
        height: this.heightView(),
        cement: this.levelCementView(),
        trocars: this.kitList.flatMap((k) => k.trocar.view() ?? []),
      },
    ];
  }

  /** Every trocar of the attempt: the finished levels' (out, with their tracks and breaches), then this level's. */
  trocarViews(): TrocarView[] {
    const finished = this.finishedLevels.flatMap((f) => f.trocars);
    return [...finished, ...[...this.kits.values()].flatMap((k) => k.trocar.view() ?? [])];
  }
  trocarView(): TrocarView | null {
    return this.kit()?.trocar.view() ?? null;
  }
  balloonView(): BalloonView | null {
    if (this.scenario.procedure !== 'kyphoplasty') return null;
    return (this.kit()?.balloon ?? this.noBalloon).view();
  }
  /**
   * The cement of the level being treated: the batch in use, with the other side's added
   * (mergeCementViews). Its deposits also hold the finished levels' cement, which the images show.
   */
  cementView(): CementView {
    const view = this.levelCementView();
    if (this.finishedLevels.length === 0) return view;
    const finished = this.finishedLevels.flatMap((f) => f.cement.deposits);
    return { ...view, deposits: [...view.deposits, ...finished] };
  }
  /** The cement of this level's batches alone. */
  private levelCementView(): CementView {
    const active = this.kit();
    if (!active) return this.noCement.view();
    const others = [...this.kits.values()].filter((k) => k !== active).map((k) => k.cement.view());
    return mergeCementViews(active.cement.view(), others);
  }
  /** The height of the level being treated. */
  heightView(): HeightView {
    return heightView(this.treated, this.support.lift(), this.support.stages());
  }
  patientView(): PatientView {
    return this.patient.view();
  }
  skinMarkView(): SkinMarkView | null {
    return this.mark;
  }
  carmView(): CArmView {
    return this.fluoroscope.carmView();
  }
  doseView(): DoseView {
    return this.fluoroscope.doseView();
  }
}
