import type { VertebraGeometry } from '../anatomy/types';
import type { Vec3 } from '../math/vec3';
import { freeSemiAxes, PSI_PER_MPA, type BalloonModelParams } from './balloonModel';
import { balloonRooms, type PlaneRooms } from './balloonRooms';

/** Below this lost height (mm) at the balloon the endplate is treated as intact cortex: nothing to lift. */
const MIN_LIFTABLE_MM = 0.5;

/** What the thresholds need to know about one balloon and its plate. */
export interface ThresholdInputs {
  readonly v: VertebraGeometry;
  readonly p: BalloonModelParams;
  readonly lengthMm: number;
  readonly centre: Vec3;
  readonly tip: Vec3;
  readonly axis: Vec3;
  /** Crushed cancellous cavity (the drill channel plus what the balloon compacted), mL. */
  readonly cancellousMl: number;
  readonly grownMl: number;
  readonly yieldPsi: number;
  /** Load on the spine the plate must overcome, N. */
  readonly loadN: number;
  /** Shared plate restoration now, and how far this balloon's own fill reaches under it. */
  readonly plateT: number;
  readonly ownT: number;
  /** Force the other balloon(s) put on the plate, N. */
  readonly othersPushN: number;
  /** Shell walls already breached: they no longer confine the cavity. */
  readonly breached: readonly ('lateral' | 'anterior')[];
  /** Sideways and ahead rooms from the balloon's matter world (balloonRooms), if it has one. */
  readonly plane?: PlaneRooms;
}

/** Ways to enlarge the cavity, with the pressure (psi) each needs, and the contact geometry. */
export interface Thresholds {
  /** Crush cancellous bone. */
  readonly growPsi: number;
  /** Lift the plate (0 while only filling the gap another balloon left under it). */
  readonly liftPsi: number;
  /** The plate is above this balloon's fill: lifting only fills the gap (no load). */
  readonly fillingGap: boolean;
  readonly contactAreaMm2: number;
  /** The cavity's roof (its full width x length), mm^2: the slab a lift of the plate opens over it. */
  readonly roofAreaMm2: number;
  /** Height lost at the balloon (what lifting can give back), mm. */
  readonly lostMm: number;
  /** The free cavity spans the body from endplate to endplate: it presses on the fractured plate (its patch is half grown). */
  readonly touching: boolean;
  /** Which shell wall (if any) the cavity presses on, and the cross-section radius there, mm. */
  readonly shellWall: 'lateral' | 'anterior' | null;
  readonly shellPoint: Vec3 | null;
  readonly radiusMm: number;
  /** The cavity's lateral half-width and its distal bulge beyond the marker, mm: its section in the axial plane. */
  readonly halfWidthMm: number;
  readonly bulgeMm: number;
}

/**
 * The cavity is a cylinder of elliptic cross-section around the balloon shaft (README "Balloon").
 * Its geometry is measured against the fractured (unlifted) endplates: space the balloon has lifted
 * the plate by is a slab on top of it, so lifting does not break the contact it lifts with.
 */
export function balloonThresholds(i: ThresholdInputs): Thresholds {
  const { p, v } = i;
  const L = i.lengthMm;
  const area = (i.cancellousMl * 1000) / L;
  const free = freeSemiAxes(area, p.aspect);
  const r = balloonRooms(v, i.centre, i.tip, i.axis, 0, i.plane);
  // The cavity's vertical extent is confined by the two endplates together, not by the nearer one:
  // a kyphoplasty balloon is compliant and follows the path of least resistance, so once it meets
  // one plate it grows on toward the other (README "Balloon", vertical room; as sideways, where the
  // room is the mean of both sides). Where the shaft sits between the plates does not decide
  // when the balloon reaches the fractured plate.
  const roomV = Math.max(0.5, (r.upMm + r.downMm) / 2);
  const roomL = Math.max(0.5, (r.sideAMm + r.sideBMm) / 2);
  const a = Math.min(free.a, roomV);
  const b = area / (Math.PI * Math.max(a, 1e-6));
  const radiusMm = Math.sqrt(free.a * free.b);
  const bulge = p.distalBulge * radiusMm;
  const squeezeL = i.breached.includes('lateral') ? 0 : Math.max(0, b / roomL - 1);
  // Each squeeze is the cavity's reach from its centre over the room from its centre, less 1: up and
  // down the free half-height over the mean room to the plates, sideways the half-width over the mean
  // side room, and ahead the half-length plus the distal bulge over the half-length plus the room
  // ahead of the marker. The first model took the bulge over the room ahead alone, a gauge that
  // shrinks to nothing as the marker nears the cortex: once the ring met the waisted wall the
  // images show (1.5 mm nearer than the rim at mid-height), a 15 mm balloon 1.4 mm behind the
  // anterior cortex burst at 2.5 mL at T -3.2 (a 0.25 mm overlap counted as a squeeze of 0.18),
  // and at T9 the reference expert's 10 mm balloon, its marker 0.3-0.7 mm behind the cortex, read
  // up to 250 psi at 0.25 mL and 380 psi or a burst at 0.5 mL (2 of 10 patients in each T9 case).
  // Measured from the cavity's centre like the other two, the same overlaps give 0.02-0.13: the
  // balloon still meets stiffer bone at the anterior cortex and warns early there (those T9
  // balloons stop at the 300 psi warning at 0.75-1 mL), without a singularity at the wall. The
  // expert plans now drill to 5 mm short of the anterior cortex instead of a fixed 20 mm
  // (sim/plan/drillToStep.ts): their T9 balloons no longer meet it, and stop on the endplates.
  const squeezeA = i.breached.includes('anterior')
    ? 0
    : Math.max(0, (L / 2 + bulge) / (L / 2 + Math.max(0, r.aheadMm)) - 1);
  const squeeze = Math.max(0, free.a / roomV - 1) + squeezeL + squeezeA;
  const soft = 1 - p.softening * Math.min(1, i.grownMl / p.softeningMl);
  const growPsi = i.yieldPsi * soft * (1 + p.hardeningPerMl * i.grownMl) * (1 + p.constraintStiffness * squeeze);

  // How far the free cavity's vertical extent reaches past the span between the fractured plates
  // (negative: the bone bridge left between cavity and plate), less the gap another balloon's lift
  // left above this balloon's fill. The plate takes the balloon's pressure over a patch that grows
  // smoothly as the bridge thins and the balloon flattens against it (logistic over
  // contactFlattenMm): a thin bridge of trabeculae already carries part of the load to the plate.
  const gap = i.plateT > i.ownT ? (i.plateT - i.ownT) * r.lostAtBalloonMm : 0;
  const overlap = 2 * free.a - (r.upMm + r.downMm);
  const share = 1 / (1 + Math.exp(-(overlap - gap) / p.contactFlattenMm));
  const contactAreaMm2 = 2 * b * share * L;
  const touchingSup = overlap > 0;
  const fillingGap = touchingSup && gap > 1e-9;
  const canLift = r.lostAtBalloonMm >= MIN_LIFTABLE_MM && i.plateT < 1 && (fillingGap || contactAreaMm2 > 1e-6);
  // Resistance of the plate: what is left of the spine's load prone, plus shearing the impacted
  // fracture zone loose over the patch (scales with the bone, so lift competes with crushing alike in
  // weak and dense bone), stiffening toward full height; less what the other balloon carries.
  const impactionN = (p.impactionFactor * i.yieldPsi * contactAreaMm2) / PSI_PER_MPA;
  const resistN = (i.loadN * p.proneLoadShare + impactionN) * (1 + p.loadStiffening * i.plateT);
  const forceN = Math.max(0, resistN - i.othersPushN);
  const liftPsi = !canLift ? Number.POSITIVE_INFINITY : fillingGap ? 0 : (forceN / contactAreaMm2) * PSI_PER_MPA;

  // Shell contact: the side nearer the shaft, or the cortex ahead of the distal marker.
  const sideMin = Math.min(r.sideAMm, r.sideBMm);
  let shellWall: Thresholds['shellWall'] = null;
  let shellPoint: Vec3 | null = null;
  const h = Math.hypot(i.axis.x, i.axis.z) || 1;
  const ux = i.axis.x / h;
  const uz = i.axis.z / h;
  if (bulge > r.aheadMm && !i.breached.includes('anterior')) {
    shellWall = 'anterior';
    shellPoint = { x: i.tip.x + ux * r.aheadMm, y: i.tip.y, z: i.tip.z + uz * r.aheadMm };
  } else if (b > sideMin && !i.breached.includes('lateral')) {
    shellWall = 'lateral';
    const s = r.sideAMm <= r.sideBMm ? 1 : -1;
    shellPoint = { x: i.centre.x + s * uz * sideMin, y: i.centre.y, z: i.centre.z - s * ux * sideMin };
  }
  return {
    growPsi,
    liftPsi,
    fillingGap,
    contactAreaMm2,
    roofAreaMm2: 2 * b * L,
    lostMm: r.lostAtBalloonMm,
    touching: overlap >= 0,
    shellWall,
    shellPoint,
    radiusMm,
    halfWidthMm: b,
    bulgeMm: bulge,
  };
}
