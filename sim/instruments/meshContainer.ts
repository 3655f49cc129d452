import type { Anatomy, EndplateLift } from '../anatomy/types';
import type { DomainEvent } from '../core/events';
import { add, normalize, scale, vec3, type Vec3 } from '../math/vec3';
import { CELL_MM } from '../physics/cementLattice';
import type { BalloonView } from './balloonView';
import {
  meshConductanceM3,
  meshContainerDevice,
  meshPatchConductanceM3,
  sphereDiameterMm,
  type MeshContainerDevice,
} from './cavityDevices';
import type { CavityTool } from './cavityTool';
import type { CavityWall } from './cavityWall';
import type { SharedEndplate } from './endplateShare';

const NO_LIFT: EndplateLift = { anteriorMm: 0, middleMm: 0 };

/**
 * A mesh container (README "Other cavity devices"): a folded PET mesh bag pushed out of the
 * cannula at the end of the drilled channel (balloon.insert), its pusher then withdrawn
 * (balloon.remove) while the bag stays. The cement fills it: the bag unfolds into the cancellous
 * bone at the price of open space (assumed: the bag's cement presses the loose, drilled trabeculae
 * aside at low pressure) and holds all of it until it is full; from then on cement leaves it only
 * through its pores, into the bone around it (cementBodyFlow.ts with a `mesh` wall). The bag
 * neither lifts the endplate nor compacts the bone around it: height comes only from positioning
 * and cement (the vertebroplasty law of endplateSupport.ts). It takes no contrast, so the cavity
 * stage's inflate and deflate do nothing to it.
 */
export class MeshContainer implements CavityTool {
  readonly kind = 'meshContainer';
  readonly device: MeshContainerDevice;
  readonly cavityWall: CavityWall;
  private deployed = false;
  private axis: Vec3 = vec3(0, 0, -1);
  private centre: Vec3 = vec3(0, 0, 0);

  constructor(_anatomy: Anatomy, lengthMm: number, device?: MeshContainerDevice) {
    this.device = device ?? meshContainerDevice(lengthMm);
    this.cavityWall = {
      kind: 'mesh',
      poresConductanceM3: meshConductanceM3(this.device),
      patchConductanceM3: meshPatchConductanceM3(this.device, CELL_MM * CELL_MM),
    };
  }

  /** Push the folded bag out at the channel's end: it will unfold around a centre one radius behind it. */
  insert(tip: Vec3, axis: Vec3): void {
    if (this.deployed) return;
    this.axis = normalize(axis);
    this.centre = add(tip, scale(this.axis, -sphereDiameterMm(this.device.volumeMl) / 2));
    this.deployed = true;
  }

  inflate(_mL: number): void {}

  deflate(): void {}

  /** The pusher comes out; the bag stays where it was deployed. */
  remove(): void {}

  step(_dtS: number): DomainEvent[] {
    return [];
  }

  view(): BalloonView {
    return {
      device: 'meshContainer',
      lengthMm: sphereDiameterMm(this.device.volumeMl),
      inserted: this.deployed,
      centre: this.centre,
      axis: this.axis,
      radiusMm: 0,
      volumeMl: 0,
      pressurePsi: 0,
      peakPressurePsi: 0,
      cavityMl: this.cavityMl,
      ruptured: false,
      endplateContact: false,
      endplateContactMl: null,
      peakVolumeMl: 0,
      cortexContact: false,
      cortexBreach: null,
      leakedContrastMl: 0,
      contrastLeak: null,
      trace: [],
      outline: null,
      wallContacts: [],
      sectionAreaMm2: null,
      analyticSectionAreaMm2: null,
    };
  }

  lift(): EndplateLift {
    return NO_LIFT;
  }

  peakLift(): EndplateLift {
    return NO_LIFT;
  }

  /** The bag does not push on the plate. */
  shareEndplate(_plate: SharedEndplate): void {}

  /** The deployed bag's volume: the space the cement fills first, mL. */
  get cavityMl(): number {
    return this.deployed ? this.device.volumeMl : 0;
  }

  /** The bag keeps its shape: all of it stays open to the cement. */
  get cavityKeptShare(): number {
    return 1;
  }

  get volumeMl(): number {
    return 0;
  }
}
