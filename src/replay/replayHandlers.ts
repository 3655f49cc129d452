import { traceAttempt } from '../../sim/attempt';
import type { Side } from '../../sim/core';
import { planSchema } from '../../sim/plan';
import { filmAttempt, type ReplayFilm } from '../../sim/attempt';
import { expertBenchmark, type ExpertBenchmark } from '../../sim/attempt';
import { ReplayBudgetError, type ReplayOptions } from '../../sim/attempt';
import { REPLAY_BUDGET_MS } from '../../sim/core';
import { FilmImager } from './filmImager';
import type { AttemptInput, FilmSummary, OpenedAttempt, ReplayRequest } from './replayProtocol';
import { importAttempt } from './importAttempt';
import { ownPublishedScenarios } from '../scenarios/ownScenarioEntries';
import { replayAttempt } from './replayAttempt';

/** The expert plans kept in the repo (levels/plans/*.json), loaded when a debrief asks for one. */
const PLANS = import.meta.glob<unknown>('../../levels/plans/*.json', { import: 'default' });

async function loadPlan(id: string): Promise<unknown> {
  const load = PLANS[`../../levels/plans/${id}.json`];
  if (!load) throw new Error(`the scenario's expert plan "${id}" is not in levels/plans/`);
  return load();
}

/** The scenario's expert benchmark on the trainee's own patient, or why there is none. */
export async function expertFor(attempt: AttemptInput): Promise<ExpertBenchmark> {
  const id = attempt.scenario.scoring.expertPlan;
  if (!id) return { error: 'This scenario names no expert plan.' };
  const parsed = planSchema.safeParse(await loadPlan(id));
  if (!parsed.success)
    return { error: `The expert plan "${id}" is not a valid plan: ${parsed.error.issues[0]?.message ?? ''}` };
  return expertBenchmark(attempt.scenario, attempt.seed, parsed.data);
}

/** Sides the attempt worked on, in the order first used (reveal mode draws their ideal paths). */
function sidesOf(film: ReplayFilm): Side[] {
  const sides: Side[] = [];
  const add = (s: string | null | undefined) => {
    if ((s === 'left' || s === 'right') && !sides.includes(s)) sides.push(s);
  };
  for (const s of film.steps) add(s.tipSide);
  for (const f of film.frames) for (const t of f.state.trocars) add(t.side);
  return sides;
}

export interface ReplayHandlerOptions {
  /** Wall time one request may replay for, ms (REPLAY_BUDGET_MS unless a test sets it). */
  readonly budgetMs?: number;
  /** The clock the budget is read from (performance.now unless a test sets it). */
  readonly now?: () => number;
}

/**
 * The replay work of the debrief (trace for the plots, the expert benchmark, the film and its
 * images) and of the history (importing an attempt file, re-running an attempt to open it), the same whether it runs in the replay worker or, where workers are unavailable, on the
 * page. The film and its imager are kept for the image requests that follow.
 */
export function createReplayHandlers(options: ReplayHandlerOptions = {}) {
  const budgetMs = options.budgetMs ?? REPLAY_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  let film: ReplayFilm | null = null;
  let imager: FilmImager | null = null;
  return async function handle(request: ReplayRequest): Promise<unknown> {
    const end = now() + budgetMs;
    const budget: ReplayOptions = { shouldContinue: () => now() < end };
    try {
      return await answer(request, budget);
    } catch (err) {
      if (err instanceof ReplayBudgetError)
        throw new Error(
          `${err.message} A replay may take at most ${budgetMs / 1000} s here; this attempt is too long to replay.`,
        );
      throw err;
    }
  };

  async function answer(request: ReplayRequest, budget: ReplayOptions): Promise<unknown> {
    switch (request.kind) {
      case 'trace': {
        const a = request.attempt;
        return traceAttempt(a.scenario, a.seed, a.log, a.endTick, a.mode, undefined, budget);
      }
      case 'expert':
        return expertFor(request.attempt);
      case 'film': {
        const a = request.attempt;
        film = filmAttempt(a.scenario, a.seed, a.log, a.endTick, a.mode, budget);
        const sides = sidesOf(film);
        imager = new FilmImager(film.anatomy, sides);
        const summary: FilmSummary = {
          endTick: film.endTick,
          steps: film.steps,
          frames: film.frames.map(({ index, tick, timeS, view, stored }) => ({ index, tick, timeS, view, stored })),
          sides,
        };
        return summary;
      }
      case 'import':
        return importAttempt(request.text, request.trainee, request.recordId, request.nowMs, {
          ...budget,
          scenarioStatus: request.scenarioStatus,
          alsoPublished: await ownPublishedScenarios(),
        });
      case 'open': {
        const { session } = replayAttempt(request.file, budget);
        const opened: OpenedAttempt = {
          session: {
            scenario: session.scenario,
            seed: session.seed,
            mode: session.mode,
            log: session.log,
            tick: session.tick,
          },
          finalSnapshot: session.snapshot(),
        };
        return opened;
      }
      case 'image': {
        if (!film || !imager) throw new Error('no film: ask for the film before its images');
        const frame = film.frames[request.index];
        if (!frame) throw new Error(`the film has no image ${request.index}`);
        return imager.render(frame);
      }
    }
  }
}
