import type { Opening, VertebraGeometry } from '../anatomy/types';
import type { LeakLocation } from '../events';
import type { Vec3 } from '../math/vec3';
import type { FlowPath } from './cementFlow';
import { poiseuilleConductance } from './cementFlow';
import type { CementModelParams } from './cementModel';

/** A way out of (or a space inside) the body that cement can take once its front reaches it. */
export interface CementOutlet {
  /** Stable identity across steps. */
  readonly key: string;
  readonly kind: Opening['kind'] | 'breach';
  readonly position: Vec3;
  readonly diameterMm: number;
  /** For trocar breaches: where cement through it ends up. */
  readonly breachLocation?: LeakLocation;
}

/** A trocar breach passed in by the session. */
export interface BreachOpening {
  readonly position: Vec3;
  readonly diameterMm: number;
  readonly location: LeakLocation;
}

/** Outlets from the anatomy's real openings and the trocar's breaches. */
export function collectOutlets(openings: readonly Opening[], breaches: readonly BreachOpening[]): CementOutlet[] {
  const fromAnatomy = openings.map((o, i) => ({ key: `o${i}`, kind: o.kind, position: o.position, diameterMm: o.diameterMm }));
  const fromBreaches = breaches.map((b) => ({
    key: `b:${b.location}@${b.position.x.toFixed(1)},${b.position.y.toFixed(1)},${b.position.z.toFixed(1)}`,
    kind: 'breach' as const,
    position: b.position,
    diameterMm: b.diameterMm,
    breachLocation: b.location,
  }));
  return [...fromAnatomy, ...fromBreaches];
}

/** Volume of an intravertebral cleft (a sphere of its diameter), mL. */
export const cleftVolumeMl = (o: CementOutlet): number => (Math.PI / 6) * Math.pow(o.diameterMm, 3) / 1000;

/** Channel length (mm) through which cement leaves by this outlet (veins assumed; cortical channels = shell thickness). */
const channelLengthMm = (o: CementOutlet, v: VertebraGeometry, p: CementModelParams): number =>
  o.kind === 'basivertebralVein' || o.kind === 'segmentalVein' ? p.veinLengthMm : Math.max(0.5, v.cortexMm);

/** Volume of the venous channel itself, mL: basivertebral cement beyond it reaches the epidural plexus. */
const channelVolumeMl = (o: CementOutlet, v: VertebraGeometry, p: CementModelParams): number =>
  (Math.PI * (o.diameterMm / 2) ** 2 * channelLengthMm(o, v, p)) / 1000;

/** The hydraulic path of an outlet: a cleft is open space, everything else a Poiseuille channel. */
export function outletPath(o: CementOutlet, v: VertebraGeometry, p: CementModelParams): FlowPath {
  if (o.kind === 'cleft') return { kind: 'space', thresholdPa: p.spaceEntryKPa * 1000, conductance: p.spaceConductance };
  const back =
    o.kind === 'endplateCrack' ? p.discBackKPa : o.kind === 'basivertebralVein' || o.kind === 'segmentalVein' ? p.venousBackKPa : 0;
  return { kind: 'viscous', thresholdPa: back * 1000, conductance: poiseuilleConductance(o.diameterMm, channelLengthMm(o, v, p)) };
}

/**
 * Where the cement that left by an outlet lies, by location: basivertebral vein -> venous until its
 * channel is full, then epidural (basivertebral plexus); segmental vein -> venous; endplate crack ->
 * intradiscal; posterior wall defect -> epidural; lateral cortex defect -> paravertebral; breach ->
 * its own location. A cleft is inside the body and never leaks by itself.
 */
export function leakShares(o: CementOutlet, volumeMl: number, v: VertebraGeometry, p: CementModelParams): [LeakLocation, number][] {
  switch (o.kind) {
    case 'basivertebralVein': {
      const ch = channelVolumeMl(o, v, p);
      return [
        ['venous', Math.min(volumeMl, ch)],
        ['epidural', Math.max(0, volumeMl - ch)],
      ];
    }
    case 'segmentalVein':
      return [['venous', volumeMl]];
    case 'endplateCrack':
      return [['intradiscal', volumeMl]];
    case 'posteriorWallDefect':
      return [['epidural', volumeMl]];
    case 'lateralCortexDefect':
      return [['paravertebral', volumeMl]];
    case 'breach':
      return [[o.breachLocation ?? 'tract', volumeMl]];
    case 'cleft':
      return [];
  }
}
