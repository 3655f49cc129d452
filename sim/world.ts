import type { Scenario } from '../levels/scenarioSchema';
import type { Anatomy } from './anatomy/types';
import type { Command, Side } from './commands';
import type { DomainEvent, LeakLocation } from './events';
import type { Vec3 } from './math/vec3';
import type { Rng } from './math/rng';
import type { BalloonView, CementView, HeightView, TrocarView, CArmView, DoseView } from './snapshot';
import { buildAnatomy } from './anatomy/buildAnatomy';
import { Fluoroscope } from './imaging/fluoroscope';
import { Trocar } from './instruments/trocar';
import { Balloon } from './instruments/balloon';
import { Cement } from './instruments/cement';
import { EndplateSupport } from './instruments/endplateSupport';
import { heightView } from './instruments/vertebralHeight';
import { add, scale } from './math/vec3';
import { gaugeToDiameterMm } from './instruments/trocarGauge';

/**
 * The world owns the numbers: anatomy, C-arm and dose, instruments, balloon, cement and the
 * endplate. It takes accepted commands as control input and, each fixed step, reports what
 * happened as domain events. It knows nothing of phases or permissions (the machine's job).
 */
export class World {
  readonly anatomy: Anatomy;
  readonly fluoroscope: Fluoroscope;
  readonly balloon: Balloon;
  readonly cement: Cement;
  private readonly support: EndplateSupport;
  private readonly trocars = new Map<Side, Trocar>();
  private activeSide: Side | null = null;
  private tickCount = 0;

  constructor(readonly scenario: Scenario, rng: Rng) {
    this.anatomy = buildAnatomy(scenario, rng.fork('anatomy'));
    this.fluoroscope = new Fluoroscope(this.anatomy, scenario.equipment.carm, rng.fork('fluoroscope'));
    this.balloon = new Balloon(this.anatomy, scenario.equipment.balloonLengthMm);
    this.cement = new Cement(this.anatomy, scenario.cement);
    this.support = new EndplateSupport(this.anatomy);
  }

  /** Apply an accepted command as control input. */
  apply(command: Command): void {
    switch (command.type) {
      case 'carm.view':
      case 'carm.adjust':
      case 'fluoro.mode':
      case 'fluoro.expose':
        this.fluoroscope.apply(command);
        return;
      case 'needle.entry': {
        let trocar = this.trocars.get(command.side);
        if (!trocar) {
          trocar = new Trocar(this.anatomy, this.scenario.equipment.trocarGauge);
          this.trocars.set(command.side, trocar);
        }
        this.activeSide = command.side;
        trocar.setEntry(command.side, command.lateralMm, command.cranialMm);
        return;
      }
      case 'needle.aim':
        this.trocar()?.aim(command.medialDeg, command.caudalDeg);
        return;
      case 'needle.advance':
        this.trocar()?.requestAdvance(command.mm);
        return;
      case 'channel.drill':
        this.trocar()?.drill(command.mm);
        return;
      case 'balloon.insert': {
        const t = this.trocar()?.view();
        // The balloon goes to the end of the drilled channel, ahead of the cannula tip.
        if (t) this.balloon.insert(add(t.tip, scale(t.direction, t.channelMm)), t.direction);
        return;
      }
      case 'balloon.inflate':
        this.balloon.inflate(command.mL);
        return;
      case 'balloon.deflate':
        this.balloon.deflate();
        return;
      case 'balloon.remove':
        this.balloon.remove();
        return;
      case 'cement.mix':
        this.cement.mix();
        return;
      case 'cement.inject':
        this.cement.inject(command.mL);
        return;
      case 'cement.stop':
        this.cement.stop();
        return;
      case 'instruments.remove':
        for (const t of this.trocars.values()) t.removeAll();
        this.cement.cannulaRemoved();
        return;
      default:
        // Checklist, positioning, anaesthetic, discharge, phase changes and waits are the
        // machine's and the session's business; the world has no numbers for them.
        return;
    }
  }

  /** One fixed step; returns the domain events it produced. */
  step(dtS: number): DomainEvent[] {
    const events: DomainEvent[] = [];
    const trocar = this.trocar();
    events.push(...this.fluoroscope.step(dtS, { instrumentsMoving: trocar?.moving ?? false }));
    for (const t of this.trocars.values()) events.push(...t.step(dtS, this.tickCount));
    events.push(...this.balloon.step(dtS));
    const view = trocar?.view() ?? null;
    events.push(
      ...this.cement.step(dtS, {
        tick: this.tickCount,
        cannulaTip: view && view.cannula ? view.tip : null,
        cavityMl: this.balloon.cavityMl,
        cavityCentre: this.balloon.cavityMl > 0 ? this.balloon.view().centre : undefined,
        breachOpenings: this.breachOpenings(),
      }),
    );
    const cement = this.cement.view();
    this.support.update({
      balloonLift: this.balloon.lift(),
      balloonPeakLift: this.balloon.peakLift(),
      cavityMl: this.balloon.cavityMl,
      cementInCavityMl: this.cement.cavityFilledMl,
      cementInBodyMl: cement.inBodyMl,
      cementSet: cement.phase === 'set',
    });
    this.tickCount++;
    return events;
  }

  private trocar(): Trocar | undefined {
    return this.activeSide ? this.trocars.get(this.activeSide) : undefined;
  }

  /** Trocar breaches are openings cement can follow (design.md: "breaches the trocar made"). */
  private breachOpenings() {
    const out: { position: Vec3; diameterMm: number; location: LeakLocation }[] = [];
    for (const t of this.trocars.values()) {
      const v = t.view();
      if (!v) continue;
      for (const b of v.breaches) {
        const location =
          b.wall === 'medial' ? 'epidural' : b.wall === 'inferior' ? 'foraminal' : b.wall === 'endplate' || b.wall === 'superior' ? 'intradiscal' : 'paravertebral';
        out.push({ position: b.position, diameterMm: gaugeToDiameterMm(v.gauge), location });
      }
    }
    return out;
  }

  trocarView(): TrocarView | null {
    return this.trocar()?.view() ?? null;
  }
  balloonView(): BalloonView | null {
    return this.scenario.procedure === 'kyphoplasty' ? this.balloon.view() : null;
  }
  cementView(): CementView {
    return this.cement.view();
  }
  heightView(): HeightView {
    return heightView(this.anatomy, this.support.lift());
  }
  carmView(): CArmView {
    return this.fluoroscope.carmView();
  }
  doseView(): DoseView {
    return this.fluoroscope.doseView();
  }
}
