import type { Command, Side } from '../core/commands';
import type { ComplicationSeverity, DomainEvent, PatientAlarm, VitalSignal } from '../core/events';
import type { Rng } from '../math/rng';
import { ADRENALINE, Adrenaline } from './adrenaline';
import { ALARM_LIMITS, alarming } from './alarms';
import { ANAPHYLAXIS, Anaphylaxis, anaphylacticSpo2FallPct, gradeOfSigns } from './anaphylaxis';
import { Prophylaxis } from './antibiotic';
import { type Baselines, drawBaselines, type PatientFacts } from './baselines';
import { Bleeding } from './bleeding';
import { type CoagulationFacts, impairmentOf } from './coagulation';
import { HYPOVOLAEMIA, volumeDeficitShare } from './hypovolaemia';
import { CementEmbolism, CEMENT_EMBOLISM, embolicSpo2FallPct } from './cementEmbolism';
import { FLUIDS, Fluids } from './fluids';
import { Flumazenil } from './flumazenil';
import { LocalBlock } from './localAnaesthetic';
import { Midazolam } from './midazolam';
import type { SpineLevel } from '../anatomy/types';
import type { CtReport } from './ctReport';
import { NerveInjury } from './nerveInjury';
import { examine, type NeuroExam } from './neuroExam';
import { fio2Of } from './oxygen';
import { OXYGENATION, targetSpo2 } from './oxygenation';
import { OverSedationGrades } from './overSedation';
import { Pain, type Stimulus } from './pain';
import { PainMovement } from './painMovement';
import { painOnSitting } from './recoveryPain';
import type { PatientView } from './patientView';
import { rassOf, VITAL_GAINS } from './vitalSigns';

/** A step without an alarm crossing. */
const NO_EVENTS: readonly DomainEvent[] = Object.freeze([]);

/**
 * The patient on the table (README.md): resting vital signs drawn for this patient, midazolam,
 * the local anaesthetic at each skin entry, oxygen, pain, the puncture tracts' bleeding, and the
 * vital signs they move. The world
 * tells it what the hands did (commands, with the side worked) and what the instruments did
 * (domain events); each fixed step it integrates and reports alarm crossings as domain events.
 */
export class Patient {
  readonly baselines: Baselines;
  private readonly midazolam: Midazolam;
  private readonly blocks: Record<Side, LocalBlock> = { left: new LocalBlock(), right: new LocalBlock() };
  private readonly pain: Pain;
  /** The flinch in pain (painMovement.ts), and the side whose instrument last hurt (null: none yet). */
  private readonly movement = new PainMovement();
  private painSide: Side | null = null;
  /** Each fractured level's cement fill, a share of its body's volume (recoveryPain.ts); the instruments are out (pain on sitting can be tested). */
  private readonly cementFill = new Map<SpineLevel, number>();
  private instrumentsOut = false;
  /** Per side: the tip is on or in the pedicle's cortex (docked, not yet past the posterior wall). */
  private readonly inCortex: Record<Side, boolean> = { left: false, right: false };
  private readonly flumazenil: Flumazenil;
  private readonly fluids = new Fluids();
  private readonly embolism = new CementEmbolism();
  private readonly overSedation = new OverSedationGrades();
  private readonly prophylaxis = new Prophylaxis();
  private readonly adrenaline = new Adrenaline();
  private readonly anaphylaxis: Anaphylaxis;
  /** The first cement reached the bone (cement.delivered): each later push brings more monomer. */
  private cementInBone = false;
  private readonly bleeding: Bleeding;
  private readonly weightKg: number;
  /** The severe bleeding grade (haemodynamic change) was reported. */
  private bleedingSevere = false;
  /** The worst bleeding grade reported so far. */
  private bleedingGrade: ComplicationSeverity | null = null;
  private oxygenLPerMin = 0;
  /** Help was called (the log has when); no vital sign moves for it. */
  private helpCalled = false;
  /** Roots and cord pressed by a breach or cement (nerveInjury.ts), the last examination, CT and the surgeons asked. */
  private readonly nerves = new NerveInjury();
  private lastExam: NeuroExam | null = null;
  private lastCt: CtReport | null = null;
  private surgicalOpinion = false;
  private heartRate: number;
  private systolic: number;
  private diastolic: number;
  private spo2: number;
  private respiratoryRate: number;
  private readonly active = new Set<PatientAlarm>();

  /** trocarGauge: the scenario's (the puncture tracts' size); the labs and drug set the clotting. */
  constructor(facts: PatientFacts & CoagulationFacts, rng: Rng, trocarGauge = 11) {
    this.baselines = drawBaselines(facts, rng);
    this.weightKg = facts.weightKg;
    this.bleeding = new Bleeding(trocarGauge, impairmentOf(facts));
    this.midazolam = new Midazolam(facts);
    this.flumazenil = new Flumazenil(facts);
    this.pain = new Pain(this.baselines.restingPain);
    this.anaphylaxis = new Anaphylaxis(facts.allergies);
    this.heartRate = this.baselines.heartRateBpm;
    this.systolic = this.baselines.systolicMmHg;
    this.diastolic = this.baselines.diastolicMmHg;
    this.spo2 = this.baselines.spo2Pct;
    this.respiratoryRate = this.baselines.respiratoryRatePerMin;
  }

  /** Why the patient cannot take this command now (a drug limit), or undefined. */
  refusal(command: Command): string | undefined {
    if (command.type === 'sedation.midazolam') return this.midazolam.refusal(command.mg);
    if (command.type === 'sedation.flumazenil') return this.flumazenil.refusal(command.mg);
    if (command.type === 'patient.fluids') return this.fluids.refusal(command.mL);
    if (command.type === 'patient.adrenaline') return this.adrenaline.refusal(command.mg);
    if (command.type === 'antibiotic.choose') return this.prophylaxis.refusal();
    return undefined;
  }

  /** An accepted command; side: the pedicle being worked, if any. */
  apply(command: Command, side: Side | null): void {
    switch (command.type) {
      case 'sedation.midazolam':
        this.midazolam.bolus(command.mg);
        return;
      case 'oxygen.nasal':
        this.oxygenLPerMin = command.lPerMin;
        return;
      case 'sedation.flumazenil':
        this.flumazenil.bolus(command.mg);
        return;
      case 'patient.fluids':
        this.fluids.bolus(command.mL);
        return;
      case 'patient.callForHelp':
        this.helpCalled = true;
        return;
      case 'patient.surgicalOpinion':
        this.surgicalOpinion = true;
        return;
      case 'local.anaesthetic':
        if (side) this.blocks[side].infiltrate();
        return;
      case 'instruments.remove':
        this.bleeding.instrumentsRemoved();
        this.instrumentsOut = true;
        return;
      case 'site.compress':
        this.bleeding.compress(command.min);
        return;
      case 'needle.tap':
        if (side && this.inCortex[side]) this.stimulate('malletTap', side);
        return;
      case 'balloon.inflate':
        if (command.mL > 0) this.stimulate('balloonInflation', side);
        return;
      case 'cement.inject':
        if (command.mL > 0) this.stimulate('cementDelivery', side);
        // More cement in the bone, more monomer: the exposure goes on while the pushes do.
        if (command.mL > 0 && this.cementInBone) this.anaphylaxis.expose('pmma');
        return;
      case 'antibiotic.choose':
        this.prophylaxis.choose(command.drug);
        return;
      case 'checklist.tick':
        if (command.item === 'antibiotics') this.anaphylaxis.expose(this.prophylaxis.give());
        return;
      case 'patient.adrenaline':
        this.adrenaline.inject(command.mg);
        return;
      default:
        return;
    }
  }

  /** A fact from the instruments of that side (null: not from a trocar). */
  notice(event: DomainEvent, side: Side | null): void {
    switch (event.type) {
      case 'needle.skinPunctured':
        this.instrumentsOut = false;
        this.bleeding.puncture();
        this.stimulate('skinPuncture', side);
        return;
      case 'needle.docked':
        if (side) this.inCortex[side] = true;
        this.stimulate('boneContact', side);
        return;
      case 'needle.pastPosteriorWall':
        if (side) this.inCortex[side] = false;
        return;
      case 'balloon.ruptured':
        // The contrast escapes into the marrow and its veins: an intravenous exposure.
        this.anaphylaxis.expose('iodinatedContrast');
        return;
      case 'cement.delivered':
        this.cementInBone = true;
        this.anaphylaxis.expose('pmma');
        return;
      default:
        return;
    }
  }

  /**
   * The cement model's venous leak so far, mL (all sides together; it only grows): what is new
   * starts its way to the lungs (sim/patient/cementEmbolism.ts).
   */
  venousCement(ml: number): void {
    this.embolism.venousCement(ml);
  }

  /**
   * The trocar of that side at that level: its deepest inferior and medial breach so far, mm (the
   * world reads them each step; they only grow). Nerve injury, sim/patient/nerveInjury.ts.
   */
  pedicleBreaches(level: SpineLevel, side: Side, inferiorMm: number, medialMm: number): void {
    this.nerves.breaches(level, side, inferiorMm, medialMm);
  }

  /** The cement model's foraminal and epidural cement at that level so far, mL (after a push). */
  neuralLeaks(level: SpineLevel, foraminalMl: number, epiduralMl: number): void {
    this.nerves.leaks(level, foraminalMl, epiduralMl);
  }

  /** The fractured levels to be treated (the world, at the start): each keeps its pain until cement stabilises it. */
  fractures(levels: readonly SpineLevel[]): void {
    for (const level of levels) if (!this.cementFill.has(level)) this.cementFill.set(level, 0);
  }

  /** The cement in the body of that level so far, as a share of the body's volume (after a push): recoveryPain.ts. */
  augmentation(level: SpineLevel, fill: number): void {
    this.cementFill.set(level, fill);
  }

  /** Pain on sitting up, 0-10 (recoveryPain.ts), or null while instruments are in the patient. */
  get painOnSittingNrs(): number | null {
    return this.instrumentsOut
      ? painOnSitting(this.cementFill, this.nerves.lesions(), this.bleeding.haematomaPain)
      : null;
  }

  /** The neurological examination now (neuro.examine), with the pain score, kept as the last one; tick: when. */
  examine(tick: number): NeuroExam {
    this.lastExam = examine(this.nerves.lesions(), tick, this.painOnSittingNrs);
    return this.lastExam;
  }

  /** A CT was done (imaging.ct): its report, made by the world from the cement and the trocars. */
  recordCt(report: CtReport): void {
    this.lastCt = report;
  }

  private stimulate(kind: Stimulus, side: Side | null): void {
    if (side) this.painSide = side;
    this.pain.stimulate(kind, side ? this.blocks[side].block : 0);
  }

  /**
   * One fixed step: drugs, fluids, the embolus and pain, then the vital signs following them;
   * returns the complication's new grade, if any, and the alarm crossings.
   */
  step(dtS: number): readonly DomainEvent[] {
    this.midazolam.step(dtS);
    this.flumazenil.step(dtS);
    this.midazolam.antagonise(this.flumazenil.antagonism);
    this.fluids.step(dtS);
    const grade = this.embolism.step(dtS);
    const nerve = this.nerves.step();
    // Radicular pain while the cause grows, not reached by the local.
    if (nerve.painIntensity > 0) this.pain.stimulate('radicular', 0, nerve.painIntensity);
    this.adrenaline.step(dtS);
    const adrenalineEffect = this.adrenaline.effect;
    const allergicGrade = this.anaphylaxis.step(dtS, adrenalineEffect);
    // Both exactly 0 for a patient who met no allergen and had no adrenaline: the sums below are unchanged.
    const signs = this.anaphylaxis.signs;
    const a = ANAPHYLAXIS;
    const bleedingGrades = this.bleeding.step(dtS);
    this.blocks.left.step(dtS);
    this.blocks.right.step(dtS);
    this.pain.step(dtS);
    const b = this.baselines;
    const sedation = this.midazolam.sedation;
    const obstruction = this.embolism.obstruction;
    const e = CEMENT_EMBOLISM;
    this.respiratoryRate =
      b.respiratoryRatePerMin * (1 - VITAL_GAINS.maxRespiratoryDepression * this.midazolam.respiratoryDepression) +
      a.respiratoryRisePerMin * signs;
    const fio2 = fio2Of(this.oxygenLPerMin);
    const target = Math.max(
      OXYGENATION.floorPct,
      targetSpo2(b.spo2Pct, this.respiratoryRate / b.respiratoryRatePerMin, fio2) -
        embolicSpo2FallPct(obstruction, fio2) -
        anaphylacticSpo2FallPct(signs, fio2),
    );
    this.spo2 += (1 - Math.exp(-dtS / OXYGENATION.lagS)) * (target - this.spo2);
    const excessPain = Math.max(0, this.pain.perceived(sedation, this.bleeding.haematomaPain) - b.restingPain);
    // The haematoma's blood not made up by crystalloid (sim/patient/hypovolaemia.ts): 0 unless it holds any.
    const deficit = volumeDeficitShare(this.bleeding.haematomaMl, this.fluids.inVessels, this.weightKg);
    const h = HYPOVOLAEMIA;
    const follow = 1 - Math.exp(-dtS / VITAL_GAINS.haemodynamicLagS);
    const g = VITAL_GAINS;
    const hr =
      b.heartRateBpm +
      g.heartRatePerPain * excessPain +
      g.heartRatePerSedation * sedation +
      e.maxHeartRateRiseBpm * obstruction +
      a.maxHeartRateRiseBpm * signs +
      ADRENALINE.heartRatePerEffect * adrenalineEffect +
      h.heartRatePerShare * deficit;
    const sbp =
      b.systolicMmHg +
      g.systolicPerPain * excessPain +
      g.systolicPerSedation * sedation -
      e.maxSystolicFallMmHg * obstruction -
      a.maxSystolicFallMmHg * signs * signs +
      ADRENALINE.systolicPerEffect * adrenalineEffect -
      h.systolicPerShare * deficit;
    const dbp =
      b.diastolicMmHg +
      g.diastolicPerPain * excessPain +
      g.diastolicPerSedation * sedation -
      e.maxDiastolicFallMmHg * obstruction -
      a.maxDiastolicFallMmHg * signs * signs -
      h.diastolicPerShare * deficit;
    // Fluids restore part of a fall below the baseline (sim/patient/fluids.ts).
    const rise = this.fluids.systolicRise(b.systolicMmHg - sbp);
    this.heartRate += follow * (hr - this.heartRate);
    this.systolic += follow * (sbp + rise - this.systolic);
    this.diastolic += follow * (dbp + FLUIDS.diastolicPerSystolic * rise - this.diastolic);
    const alarms = this.alarmCrossings();
    const flinch = this.movement.next(this.pain.perceived(sedation, this.bleeding.haematomaPain), this.painSide);
    const moved: readonly DomainEvent[] = flinch
      ? [{ type: 'patient.moved', from: flinch.from, shiftMm: flinch.shiftMm, pain: flinch.pain }]
      : NO_EVENTS;
    const sedationGrade = this.overSedation.next({
      rass: rassOf(sedation),
      respiratoryRatePerMin: this.respiratoryRate,
      spo2Pct: this.spo2,
      respiratoryDepression: this.midazolam.respiratoryDepression,
    });
    // The severe grade is the haemodynamic change itself (hypovolaemia.ts), after the loss's grades.
    const severe = !this.bleedingSevere && deficit >= h.severeShare;
    this.bleedingSevere ||= severe;
    if (
      !grade &&
      !sedationGrade &&
      !allergicGrade &&
      nerve.reached.length === 0 &&
      bleedingGrades.length === 0 &&
      !severe
    )
      return flinch ? [...moved, ...alarms] : alarms;
    const events: DomainEvent[] = [];
    if (grade) events.push({ type: 'patient.complication', kind: 'cementEmbolism', severity: grade });
    if (sedationGrade) events.push({ type: 'patient.complication', kind: 'oversedation', severity: sedationGrade });
    for (const severity of nerve.reached) events.push({ type: 'patient.complication', kind: 'neuroDeficit', severity });
    if (allergicGrade) events.push({ type: 'patient.complication', kind: 'anaphylaxis', severity: allergicGrade });
    for (const severity of severe ? [...bleedingGrades, 'severe' as const] : bleedingGrades) {
      this.bleedingGrade = severity;
      events.push({ type: 'patient.complication', kind: 'bleeding', severity });
    }
    return [...events, ...moved, ...alarms];
  }

  /** The alarm crossings of this step (most steps have none: no array is made then). */
  private alarmCrossings(): readonly DomainEvent[] {
    let events: DomainEvent[] | null = null;
    for (const limit of ALARM_LIMITS) {
      const value = this.signal(limit.signal);
      const was = this.active.has(limit.id);
      const now = alarming(limit, value, was);
      if (now === was) continue;
      if (now) this.active.add(limit.id);
      else this.active.delete(limit.id);
      events ??= [];
      events.push({
        type: now ? 'patient.alarm' : 'patient.alarmCleared',
        alarm: limit.id,
        signal: limit.signal,
        value,
      });
    }
    return events ?? NO_EVENTS;
  }

  private signal(signal: VitalSignal): number {
    switch (signal) {
      case 'spo2Pct':
        return this.spo2;
      case 'respiratoryRatePerMin':
        return this.respiratoryRate;
      case 'heartRateBpm':
        return this.heartRate;
      case 'systolicMmHg':
        return this.systolic;
    }
  }

  view(): PatientView {
    return {
      heartRateBpm: this.heartRate,
      systolicMmHg: this.systolic,
      diastolicMmHg: this.diastolic,
      spo2Pct: this.spo2,
      respiratoryRatePerMin: this.respiratoryRate,
      pain: this.pain.perceived(this.midazolam.sedation, this.bleeding.haematomaPain),
      rass: rassOf(this.midazolam.sedation),
      sedation: this.midazolam.sedation,
      midazolamMg: this.midazolam.totalMg,
      midazolamEffectNgMl: this.midazolam.effectSiteNgMl,
      localBlock: { left: this.blocks.left.block, right: this.blocks.right.block },
      onOxygen: this.oxygenLPerMin > 0,
      oxygenLPerMin: this.oxygenLPerMin,
      flumazenilMg: this.flumazenil.totalMg,
      flumazenilEffectNgMl: this.flumazenil.effectSiteNgMl,
      fluidsMl: this.fluids.totalMl,
      helpCalled: this.helpCalled,
      cementInLungsMl: this.embolism.inLungsMl,
      embolism: this.embolism.severity,
      overSedation: this.overSedation.severity,
      neuroDeficit: this.nerves.severity,
      neuroExam: this.lastExam,
      painOnSittingNrs: this.painOnSittingNrs,
      ct: this.lastCt,
      surgicalOpinion: this.surgicalOpinion,
      antibioticChoice: this.prophylaxis.choice,
      antibiotic: this.prophylaxis.given,
      adrenalineMg: this.adrenaline.totalMg,
      allergicSigns: this.anaphylaxis.signs,
      allergicSignsNow: gradeOfSigns(this.anaphylaxis.signs),
      anaphylaxis: this.anaphylaxis.severity,
      bloodLossMl: this.bleeding.lossMl,
      bleeding: this.bleeding.bleeding,
      compressing: this.bleeding.compressing,
      punctureSite: this.bleeding.site,
      bleedingGrade: this.bleedingGrade,
      alarms: ALARM_LIMITS.filter((l) => this.active.has(l.id)).map((l) => l.id),
    };
  }
}
