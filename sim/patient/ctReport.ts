import type { Side } from '../core/commands';
import type { BreachWall, LeakLocation } from '../core/events';

/**
 * The CT of the treated level(s) (imaging.ct; README.md, CT and surgical opinion): a report of
 * where cement lies outside the vertebral body, read from the cement model's own leaks, and of the
 * pedicle walls a trocar went through into the canal or the foramen. No physiology and no dose; it
 * is there so the team can find the cause of a deficit, and for the debrief to see when they looked.
 */

/** One treated level as the CT sees it. */
export interface CtLevel {
  readonly level: string;
  readonly leaks: readonly { readonly location: LeakLocation; readonly volumeMl: number }[];
  readonly breaches: readonly { readonly side: Side; readonly wall: BreachWall; readonly depthMm: number }[];
  /** Cement was injected at this level. */
  readonly cemented: boolean;
}

export interface CtReport {
  /** The simulation tick the CT was done at. */
  readonly tick: number;
  readonly levels: readonly CtLevel[];
  /** The radiologist's words, one sentence per finding. */
  readonly report: string;
}

/** How the report names each place cement can go. */
const WHERE: Readonly<Record<LeakLocation, string>> = {
  epidural: 'epidural, in the spinal canal',
  foraminal: 'foraminal, round the exiting root',
  venous: 'venous (paravertebral and epidural veins)',
  intradiscal: 'intradiscal, in the adjacent disc',
  paravertebral: 'paravertebral soft tissue',
  tract: 'along the needle tract',
};

/** Walls whose breach the report names: those that open onto the neural structures. */
const NEURAL_WALLS: Readonly<Partial<Record<BreachWall, string>>> = {
  medial: 'medial wall breached into the canal',
  inferior: 'inferior wall breached into the foramen',
};

export function ctReport(levels: readonly CtLevel[], tick: number): CtReport {
  const lines: string[] = [];
  for (const l of levels) {
    const parts: string[] = [];
    if (!l.cemented) parts.push(`${l.level}: no cement injected.`);
    else if (l.leaks.length === 0) parts.push(`${l.level}: cement confined to the vertebral body.`);
    else {
      const leaks = [...l.leaks]
        .sort((a, b) => b.volumeMl - a.volumeMl)
        .map((k) => `${WHERE[k.location]} ${k.volumeMl.toFixed(2)} mL`);
      parts.push(`${l.level}: cement outside the body: ${leaks.join('; ')}.`);
    }
    for (const b of l.breaches) {
      const words = NEURAL_WALLS[b.wall];
      if (words) parts.push(`${l.level} ${b.side} pedicle: ${words} (${b.depthMm.toFixed(1)} mm).`);
    }
    lines.push(...parts);
  }
  return { tick, levels, report: lines.length ? lines.join(' ') : 'No level treated.' };
}
