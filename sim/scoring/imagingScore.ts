import type { View } from '../core/commands';
import type { DomainScore, ScoreItem } from '../scoring/types';
import { clampScore, commandTicks, eventTicks, type ScoringInput } from './scoringInput';
import { DOMAIN_WEIGHTS, TRUE_VIEW_DEG } from './weights';

/** A decision of the procedure and the views it should rest on. */
interface Decision {
  readonly label: string;
  readonly tick: number | undefined;
  readonly views: readonly View[];
}

/** Points per decision taken on a view that was not true (or on no image of that view at all). */
const POINTS_PER_BAD_VIEW = 8;

/**
 * Image quality: the alignment of the images each decision rested on. True AP: the spinous process
 * centred between symmetric pedicles and single endplates; true lateral: a single posterior wall
 * and single endplates (TRUE_VIEW_DEG in weights.ts). For each decision, the latest image of each
 * view it needs, taken before it, is judged; no image at all counts as a bad one.
 */
export function imagingScore(input: ScoringInput): DomainScore {
  const first = (type: string) => commandTicks(input, type)[0];
  // The fourth accepted phase.next leaves the C-arm set-up (case review, pre-op, positioning come first).
  const leavingSetUp = commandTicks(input, 'phase.next')[3];
  const decisions: Decision[] = [
    { label: 'C-arm set-up', tick: leavingSetUp, views: ['AP', 'lateral'] },
    { label: 'Driving into the pedicle', tick: first('needle.tap'), views: ['AP', 'lateral'] },
    {
      label: 'Crossing the posterior wall',
      tick: eventTicks(input, 'needle.pastPosteriorWall')[0],
      views: ['AP', 'lateral'],
    },
    { label: 'Inflating the balloon', tick: first('balloon.inflate'), views: ['lateral'] },
    { label: 'Injecting cement', tick: first('cement.inject'), views: ['lateral'] },
  ];
  const images = input.final.events.filter((e) => e.event.type === 'image.acquired');
  const items: ScoreItem[] = [];
  for (const d of decisions) {
    if (d.tick === undefined) continue;
    const tick = d.tick;
    for (const view of d.views) {
      const last = images
        .filter((e) => e.tick <= tick && e.event.type === 'image.acquired' && e.event.view === view)
        .pop();
      const a = last?.event.type === 'image.acquired' ? last.event.alignment : undefined;
      const off = a ? Math.max(Math.abs(a.axialDeg), Math.abs(a.craniocaudalDeg)) : null;
      const bad = last === undefined || (off !== null && off > TRUE_VIEW_DEG);
      items.push({
        label: `${d.label}: ${view} image`,
        value:
          last === undefined
            ? 'none taken'
            : a
              ? `${Math.abs(a.axialDeg).toFixed(1)} deg axial, ${Math.abs(a.craniocaudalDeg).toFixed(1)} deg tilt`
              : 'taken',
        points: bad ? -POINTS_PER_BAD_VIEW : 0,
        evidenceTicks: last ? [last.tick, tick] : [tick],
      });
    }
  }
  if (items.length === 0)
    items.push({ label: 'Images behind decisions', value: 'no decision taken', points: 0, evidenceTicks: [] });
  const total = items.reduce((s, i) => s + i.points, 0);
  return {
    id: 'imaging',
    label: 'Image quality',
    score: clampScore(100 + total),
    weight: DOMAIN_WEIGHTS.imaging,
    items,
  };
}
