import type { CementDeliveryKind } from '../../levels/scenarioSchema';
import type { DeliveryView } from './cementView';

/** One cement delivery device: what it holds and the most pressure a hand makes with it. */
export interface CementDevice {
  readonly kind: CementDeliveryKind;
  readonly name: string;
  /** Cement one device holds when filled, mL. */
  readonly capacityMl: number;
  /** Inner diameter the plunger or stylet pushes on, mm. */
  readonly boreMm: number;
  /** Most force the hand puts on the plunger or stylet over a push, N. */
  readonly handForceN: number;
}

/**
 * The devices (values marked assumed are not in docs/clinical-sources.md). Pressure at the plunger is
 * P = F / (pi/4 d^2).
 *
 * - Bone filler (Kyphon-style): a thin cannula pre-filled with 1.5 mL (assumed, the nominal BFD
 *   volume) and emptied by pushing its stylet; a kyphoplasty uses a series of them, exchanged often
 *   (Neurosurgery 2003;53:380, the screw-injector technical report). Bore 3.6 mm (assumed: it must
 *   pass the working cannula). The stylet is pushed by the thumb while the other hand steadies the long
 *   device in the cannula, so the force is ~40 N (assumed), not the ~100-150 N of a braced grip:
 *   3.9 MPa, the 4 MPa of the first model. A full hand on the thin bore would make ~10-15 MPa, more
 *   than the ~3.2 MPa peak measured in clinical vertebroplasty (Krebs et al., Spine 2005) and far
 *   above the ~360 psi (2.5 MPa) the Kyphon tamp was designed to deliver at (US 2004/0010260).
 * - Syringe: a 1 mL luer syringe as used for vertebroplasty, bore 4.7 mm (assumed, a tuberculin
 *   barrel). Thumb on the plunger and two fingers on the flanges brace the push in one hand, ~100 N
 *   (assumed, low end of a hand's 100-150 N): 5.8 MPa, higher than the bone filler. That is why small
 *   syringes are used for vertebroplasty: the small bore turns a thumb's force into the pressure
 *   doughy cement needs without a cavity (Krebs 2005: peaks up to 3.2 MPa in vivo, below this limit).
 */
export const CEMENT_DEVICES: Readonly<Record<CementDeliveryKind, CementDevice>> = {
  boneFiller: { kind: 'boneFiller', name: 'Bone filler device', capacityMl: 1.5, boreMm: 3.6, handForceN: 40 },
  syringe: { kind: 'syringe', name: '1 mL syringe', capacityMl: 1, boreMm: 4.7, handForceN: 100 },
};

/** Usable cement of one mixed batch, mL (assumed: a kit mixes ~10 mL; a level takes 4-5, CR). */
export const CEMENT_BATCH_ML = 10;

/** Volumes on a 1e-9 mL grid, so that 3 x 0.5 mL empties a 1.5 mL device exactly. */
const onGrid = (ml: number): number => Math.round(ml * 1e9) / 1e9;

/** Most pressure a hand makes on this device's plunger, kPa (P = F / bore area). */
export function handMaxKPa(device: CementDevice): number {
  const areaMm2 = (Math.PI / 4) * device.boreMm * device.boreMm;
  return (device.handForceN / areaMm2) * 1000;
}

/**
 * The cement in hand: one mixed batch, filled into devices one at a time. A push can only take what
 * the loaded device still holds; the next device is filled from the batch on loadNext. A device put
 * aside keeps what was left in it (it is not poured back into the batch).
 */
export class CementDelivery {
  readonly device: CementDevice;
  readonly handMaxKPa: number;
  private batchLeft = 0;
  private loaded = 0;
  private used = 0;
  private shortOnThisDevice = false;
  private shortNotice = false;

  constructor(
    kind: CementDeliveryKind,
    private readonly batchMl = CEMENT_BATCH_ML,
  ) {
    this.device = CEMENT_DEVICES[kind];
    this.handMaxKPa = handMaxKPa(this.device);
  }

  /** The cement is mixed: the batch is ready and the first device is filled from it (once). */
  fill(): void {
    if (this.used > 0) return;
    this.batchLeft = this.batchMl;
    this.loadNext();
  }

  /** Put the current device aside and load the next, filled from the batch; false when the batch is empty or not mixed. */
  loadNext(): boolean {
    if (this.batchLeft <= 0) return false;
    this.loaded = Math.min(this.device.capacityMl, this.batchLeft);
    this.batchLeft = onGrid(this.batchLeft - this.loaded);
    this.used++;
    this.shortOnThisDevice = false;
    return true;
  }

  /** Push mL: returns what the loaded device can give (non-positive or non-finite asks give 0). */
  take(mL: number): number {
    if (!Number.isFinite(mL) || mL <= 0) return 0;
    const given = Math.min(mL, this.loaded);
    this.loaded = onGrid(this.loaded - given);
    if (given < mL && this.used > 0 && !this.shortOnThisDevice) {
      this.shortOnThisDevice = true;
      this.shortNotice = true;
    }
    return given;
  }

  /** A stopped plunger leaves the unpushed cement in the device (never more than it holds). */
  giveBack(mL: number): void {
    if (!Number.isFinite(mL) || mL <= 0 || this.used === 0) return;
    this.loaded = onGrid(Math.min(this.device.capacityMl, this.loaded + mL));
  }

  /** True once per device, the first time a push asked for more than the device held. */
  takeEmptyNotice(): boolean {
    const notice = this.shortNotice;
    this.shortNotice = false;
    return notice;
  }

  view(): DeliveryView {
    return { device: this.device.kind, loadedMl: this.loaded, batchLeftMl: this.batchLeft, devicesUsed: this.used };
  }
}
