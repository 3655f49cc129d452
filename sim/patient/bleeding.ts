import type { ComplicationSeverity } from '../core/events';
import { GAUGE_OD_MM, gaugeToDiameterMm } from '../instruments/trocarGauge';
import { GradeLadder, gradeIndex } from './gradeLadder';

/**
 * Bleeding from the puncture tracts (README.md, Bleeding): each skin puncture opens a tract that
 * bleeds around the cannula while the instruments are in (the cannula plugs most of it) and oozes
 * freely once they are out, the ooze falling exponentially as the clot forms. Firm pressure on the
 * sites stops the ooze while it is held and lets the clot form faster. The clotting impairment
 * (coagulation.ts) raises the ooze and lengthens the clotting time. What is lost collects as a
 * paraspinal haematoma. All assumed: chosen so that normal clotting leaves a few millilitres that
 * stop within minutes of removal, and an INR of about 3 a haematoma, as the published picture is
 * (docs/clinical-sources.md, Bleeding).
 */
export const BLEEDING = {
  /** Ooze from one open 11 G tract at removal with normal clotting, mL/min (assumed); scales with the trocar's cross-section. */
  openRateMlPerMin11G: 3,
  /** Clotting time constant of an open tract with normal clotting, min (assumed: dry within 3-4 min). */
  clotTimeMin: 1,
  /** Share of the open ooze that runs along a cannula still in the tract (assumed: the cannula plugs most). */
  cannulaShare: 0.2,
  /** Time constant of the ooze's fall under firm pressure with normal clotting, min (assumed: 2-3 min of pressure stop it). */
  compressedClotTimeMin: 0.5,
  /** Ooze below which a site is dry, mL/min (assumed: a drop or two a minute). */
  dryRateMlPerMin: 0.1,
  /** Blood lost from which the haematoma holds blood, mL (assumed; below it the loss moves no vital sign). */
  haematomaMl: 50,
  /**
   * The blood lost at which the mild and moderate grades are reported (assumed): mild when the ooze
   * soaks the dressing (20 mL: normal clotting leaves under half of it even with four tracts),
   * moderate at a haematoma. Severe is the haemodynamic change (hypovolaemia.ts).
   */
  mildMl: 20,
  moderateMl: 50,
  /** Haematoma pain at 300 mL beyond the haematoma threshold and over, 0-10 (assumed: a tense paraspinal swelling aches). */
  maxHaematomaPain: 2,
  haematomaPainFullMl: 300,
} as const;

/** The puncture sites as the team sees them. */
export type PunctureSite = 'none' | 'instruments' | 'oozing' | 'compressed' | 'dry';

const MIN_PER_S = 1 / 60;

/** The blood lost at which the mild and moderate grades are reported, mL. */
const LOSS_GRADES_ML: readonly number[] = [BLEEDING.mildMl, BLEEDING.moderateMl];

/** One skin puncture's tract. */
interface Tract {
  /** The instruments are still in it. */
  instrumentsIn: boolean;
  /** Its ooze now, mL/min (0: dry). */
  rateMlPerMin: number;
}

/** The puncture tracts of one patient, their ooze, the pressure on them and the blood lost. */
export class Bleeding {
  private readonly tracts: Tract[] = [];
  private lostMl = 0;
  /** Seconds of firm pressure still to hold. */
  private compressionLeftS = 0;
  /** The open ooze of one tract of this gauge and clotting, mL/min, and its clotting time constants, min. */
  private readonly openRate: number;
  private readonly clotMin: number;
  private readonly compressedClotMin: number;
  private readonly grades = new GradeLadder();

  /**
   * gauge: the trocar's; impairment: the clotting impairment index (coagulation.ts), 0 for normal.
   * The ooze rises by (1 + a) and the clotting time by (1 + a)^2 (an INR unit above normal triples
   * what one tract loses), the time under pressure by (1 + a).
   */
  constructor(gauge: number, impairment: number) {
    const a = Math.max(0, impairment);
    const area = (gaugeToDiameterMm(gauge) / GAUGE_OD_MM[11]) ** 2;
    this.openRate = BLEEDING.openRateMlPerMin11G * area * (1 + a);
    this.clotMin = BLEEDING.clotTimeMin * (1 + a) ** 2;
    this.compressedClotMin = BLEEDING.compressedClotTimeMin * (1 + a);
  }

  /** The skin was punctured: a new tract, bleeding along the trocar. */
  puncture(): void {
    this.tracts.push({ instrumentsIn: true, rateMlPerMin: BLEEDING.cannulaShare * this.openRate });
  }

  /** The instruments came out of every tract that had them: each oozes freely from now. */
  instrumentsRemoved(): void {
    for (const t of this.tracts) {
      if (!t.instrumentsIn) continue;
      t.instrumentsIn = false;
      t.rateMlPerMin = this.openRate;
    }
  }

  /** Firm pressure on the puncture sites for this long from now (a new order replaces what was left). */
  compress(min: number): void {
    this.compressionLeftS = Math.max(0, min) * 60;
  }

  /**
   * One fixed step: the ooze of each tract over it (exactly, the exponential's integral), pressure
   * on the open tracts while it lasts. Returns the grades of loss first reached in this step.
   */
  step(dtS: number): readonly ComplicationSeverity[] {
    const pressedS = Math.min(dtS, this.compressionLeftS);
    this.compressionLeftS -= pressedS;
    for (const t of this.tracts) {
      if (t.rateMlPerMin <= 0) continue;
      let freeS = dtS;
      if (!t.instrumentsIn && pressedS > 0) {
        // Under pressure nothing comes out and the clot forms faster.
        t.rateMlPerMin *= Math.exp((-pressedS * MIN_PER_S) / this.compressedClotMin);
        freeS -= pressedS;
      }
      if (freeS > 0) {
        const decay = Math.exp((-freeS * MIN_PER_S) / this.clotMin);
        this.lostMl += t.rateMlPerMin * this.clotMin * (1 - decay);
        t.rateMlPerMin *= decay;
      }
      if (t.rateMlPerMin < BLEEDING.dryRateMlPerMin) t.rateMlPerMin = 0;
    }
    return this.grades.reach(gradeIndex(this.lostMl, LOSS_GRADES_ML));
  }

  /** Blood lost from the tracts so far, mL. */
  get lossMl(): number {
    return this.lostMl;
  }
  /** Blood in the haematoma beyond what moves nothing, mL. */
  get haematomaMl(): number {
    return Math.max(0, this.lostMl - BLEEDING.haematomaMl);
  }
  /** The haematoma's ache, 0 to BLEEDING.maxHaematomaPain. */
  get haematomaPain(): number {
    return BLEEDING.maxHaematomaPain * Math.min(1, this.haematomaMl / BLEEDING.haematomaPainFullMl);
  }
  get compressing(): boolean {
    return this.compressionLeftS > 0;
  }
  /** Some tract bleeds now (around a cannula, or an open one not under pressure). */
  get bleeding(): boolean {
    return this.tracts.some((t) => t.rateMlPerMin > 0 && (t.instrumentsIn || !this.compressing));
  }
  /** The sites as the team sees them: pressure over ooze over the instruments over dry. */
  get site(): PunctureSite {
    if (this.tracts.length === 0) return 'none';
    const open = this.tracts.filter((t) => !t.instrumentsIn);
    if (this.compressing && open.length > 0) return 'compressed';
    if (open.some((t) => t.rateMlPerMin > 0)) return 'oozing';
    if (open.length < this.tracts.length) return 'instruments';
    return 'dry';
  }
}
