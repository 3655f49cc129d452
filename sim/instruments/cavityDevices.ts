import type { CAVITY_DEVICE_KINDS } from '../../levels/scenarioSchema';

/**
 * The devices that make the cavity of a kyphoplasty besides the inflatable balloon (README "Other
 * cavity devices"; docs/clinical-sources.md, Cavity devices): a ball-shaped expandable bone tamp
 * that opens to a fixed sphere, and a polymer mesh container the cement itself fills. A scenario
 * chooses one with `equipment.cavityDevice` (absent: the balloon); its size class is the
 * scenario's `balloonLengthMm` (10, 15 or 20), so that the working channel drilled for it is the
 * one the balloon of that size would need. Every figure here is **assumed** unless its comment
 * names a source: no published dimension is fitted, and each is configurable.
 */
export type CavityDeviceKind = (typeof CAVITY_DEVICE_KINDS)[number];

/** What the debrief and the procedure call each device. */
export const CAVITY_DEVICE_NAMES: Readonly<Record<CavityDeviceKind, string>> = {
  balloon: 'inflatable balloon tamp',
  ballTamp: 'expandable ball tamp',
  meshContainer: 'mesh container',
};

/** The name of a scenario's cavity device (absent: the balloon). */
export const cavityDeviceName = (kind: CavityDeviceKind | undefined): string => CAVITY_DEVICE_NAMES[kind ?? 'balloon'];

/** A mechanical tamp that opens, turn by turn of its handle, to a sphere of fixed diameter. */
export interface BallTampDevice {
  /** Diameter of the fully opened ball, mm. */
  readonly diameterMm: number;
  /** Volume the handle opens per second at most, mL/s (a screw turned steadily; assumed as the balloon's syringe, 0.5 mL/s). */
  readonly expandRateMlPerS: number;
  /**
   * Share of the ball's overreach past the span between the two endplates that lifts the fractured
   * plate; the rest presses the ball into the endplates (assumed 0.5: a rigid sphere loads each
   * plate on a small patch, where it indents the thin osteoporotic endplate instead of lifting it,
   * while a compliant balloon flattens against the plate and spreads the load).
   */
  readonly liftShare: number;
}

/** A polyethylene terephthalate (PET) mesh bag deployed folded through the cannula and filled with cement. */
export interface MeshContainerDevice {
  /** Volume of the unfolded container, mL: the cement it holds before any passes its pores. */
  readonly volumeMl: number;
  /** Diameter of one pore of the mesh, mm. */
  readonly poreDiameterMm: number;
  /** Share of the container's surface that is open pore. */
  readonly openAreaShare: number;
  /** Thickness of the mesh wall (the length of each pore), mm. */
  readonly wallMm: number;
}

/**
 * Ball tamps by size class (the balloon length the channel is drilled for, mm): each opens to about
 * the largest volume of the balloon of its class (3 / 4 / 6 mL), 18 / 20 / 22 mm (3.1 / 4.2 /
 * 5.6 mL; assumed: no published dimension was found).
 */
export const BALL_TAMP_DEVICES: Readonly<Record<10 | 15 | 20, BallTampDevice>> = {
  10: { diameterMm: 18, expandRateMlPerS: 0.5, liftShare: 0.5 },
  15: { diameterMm: 20, expandRateMlPerS: 0.5, liftShare: 0.5 },
  20: { diameterMm: 22, expandRateMlPerS: 0.5, liftShare: 0.5 },
};

/**
 * Mesh containers by size class. Volumes as the balloon's largest fills (3 / 4 / 6 mL) less a
 * margin, since the container is filled with the whole dose of cement (assumed); pores of 0.4 mm
 * in a 0.2 mm PET wall, a fifth of the surface open (assumed: the containers are woven to let a
 * thin film of cement through to bind the bone, not a stream).
 */
export const MESH_CONTAINER_DEVICES: Readonly<Record<10 | 15 | 20, MeshContainerDevice>> = {
  10: { volumeMl: 3, poreDiameterMm: 0.4, openAreaShare: 0.2, wallMm: 0.2 },
  15: { volumeMl: 4, poreDiameterMm: 0.4, openAreaShare: 0.2, wallMm: 0.2 },
  20: { volumeMl: 5, poreDiameterMm: 0.4, openAreaShare: 0.2, wallMm: 0.2 },
};

/** Volume of a sphere of this diameter, mL. */
export const sphereMl = (diameterMm: number): number => (Math.PI * diameterMm ** 3) / 6 / 1000;

/** Diameter of a sphere of this volume, mm. */
export const sphereDiameterMm = (volumeMl: number): number => Math.cbrt((6 * Math.max(0, volumeMl) * 1000) / Math.PI);

/** Surface of the unfolded container (taken as a sphere of its volume), mm^2. */
export const meshSurfaceMm2 = (d: MeshContainerDevice): number => Math.PI * sphereDiameterMm(d.volumeMl) ** 2;

/** Number of pores in the container's wall. */
export const meshPoreCount = (d: MeshContainerDevice): number =>
  (d.openAreaShare * meshSurfaceMm2(d)) / ((Math.PI * d.poreDiameterMm ** 2) / 4);

/** Poiseuille conductance of one pore (a round channel as long as the wall is thick), m^3: pi d^4 / (128 L). */
export const poreConductanceM3 = (d: MeshContainerDevice): number =>
  (Math.PI * (d.poreDiameterMm / 1000) ** 4) / (128 * (d.wallMm / 1000));

/** Conductance of all the pores together (in parallel), m^3. */
export const meshConductanceM3 = (d: MeshContainerDevice): number => meshPoreCount(d) * poreConductanceM3(d);

/** Conductance of the pores in a patch of the wall of this area, mm^2 (what an opening pressed against the container sees), m^3. */
export const meshPatchConductanceM3 = (d: MeshContainerDevice, areaMm2: number): number =>
  ((d.openAreaShare * areaMm2) / ((Math.PI * d.poreDiameterMm ** 2) / 4)) * poreConductanceM3(d);

const sizeClass = (lengthMm: number): 10 | 15 | 20 => (lengthMm <= 12 ? 10 : lengthMm >= 18 ? 20 : 15);

/** The ball tamp for the channel drilled for a balloon of this length. */
export const ballTampDevice = (lengthMm: number): BallTampDevice => BALL_TAMP_DEVICES[sizeClass(lengthMm)];

/** The mesh container for the channel drilled for a balloon of this length. */
export const meshContainerDevice = (lengthMm: number): MeshContainerDevice =>
  MESH_CONTAINER_DEVICES[sizeClass(lengthMm)];
