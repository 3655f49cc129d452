import { type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Anatomy } from '../../../sim/anatomy';
import { type MeasuredCorners, type MeasurePoint, PREOP_IMAGE_PX, type TrainingMode } from '../../../sim/core';
import type { PreopFilmRequest, PreopFilmResult } from '../../render/preopFilmWorker';
import {
  PREOP_FILM_MM,
  PREOP_PX_PER_MM,
  type PreopRadiograph,
  renderPreopRadiograph,
  trueWedgeFigures,
  type WedgeFigures,
  wedgeFromCorners,
} from '../../../sim/imaging';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { Panel } from '../../ui/Panel';
import { shows } from '../examVisibility';
import { greyImageData } from '../../ui/greyImage';

interface Props {
  readonly anatomy: Anatomy;
  readonly seed: number;
  readonly mode: TrainingMode;
  /** Whether the machine takes a measurement now (case review). */
  readonly canMeasure: boolean;
  readonly onMeasure: (corners: MeasuredCorners) => void;
  /** Changes each time the trainee asks to measure (Shift+X in the procedure's key map). */
  readonly measureRequest: number;
}

/** The corners in the order they are placed, with the words the prompt uses. */
const CORNERS = [
  ['anteriorSuperior', 'front top corner (anterior, superior endplate)'],
  ['anteriorInferior', 'front bottom corner (anterior, inferior endplate)'],
  ['posteriorSuperior', 'back top corner (posterior, superior endplate)'],
  ['posteriorInferior', 'back bottom corner (posterior, inferior endplate)'],
] as const;

/** Cursor steps, image pixels (about 0.3 mm and 3 mm at the body). */
const STEP_PX = 1;
const BIG_STEP_PX = 10;

const clampPx = (x: number) => Math.max(0, Math.min(PREOP_IMAGE_PX, x));

/**
 * The pre-operative standing lateral of the case (rendered from the patient's own anatomy by the
 * imaging pipeline) and the trainee's measurement of the fractured body on it: four endplate corners,
 * placed with the keyboard (Shift+X starts, arrows move the cursor, Enter places, Backspace takes
 * back, Esc stops) or by clicking. The four corners go to the simulation as case.measure; the
 * heights, wedge and height loss they give are shown, and in practice the anatomy's true figures too.
 */
export function PreopFilm({ anatomy, seed, mode, canMeasure, onMeasure, measureRequest }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [film, setFilm] = useState<PreopRadiograph | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [cursor, setCursorState] = useState<MeasurePoint>({ x: PREOP_IMAGE_PX / 2, y: PREOP_IMAGE_PX / 2 });
  // The key handlers read the cursor from here: they are bound once, not every render.
  const cursorRef = useRef(cursor);
  const setCursor = (p: MeasurePoint) => {
    cursorRef.current = p;
    setCursorState(p);
  };
  const [placed, setPlaced] = useState<readonly MeasurePoint[]>([]);
  const [measured, setMeasured] = useState<MeasuredCorners | null>(null);

  // The film takes a second or two of ray casting: a worker develops it (src/render/preopFilmWorker.ts);
  // where no worker can start, the main thread does, after the case screen has painted.
  useEffect(() => {
    setFilm(null);
    let done = false;
    const onMainThread = () => {
      if (!done) setFilm(renderPreopRadiograph(anatomy, seed));
      done = true;
    };
    let worker: Worker | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    try {
      worker = new Worker(new URL('../../render/preopFilmWorker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<PreopFilmResult>) => {
        if (done) return;
        done = true;
        setFilm({ grey: e.data.grey, sizePx: PREOP_IMAGE_PX, filmMm: PREOP_FILM_MM, pxPerMm: PREOP_PX_PER_MM });
      };
      worker.onerror = () => {
        timer = setTimeout(onMainThread, 0);
      };
      const request: PreopFilmRequest = { anatomy, seed };
      worker.postMessage(request);
    } catch {
      timer = setTimeout(onMainThread, 0);
    }
    return () => {
      done = true;
      worker?.terminate();
      if (timer) clearTimeout(timer);
    };
  }, [anatomy, seed]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !film) return;
    ctx.putImageData(greyImageData(ctx, film.grey, film.sizePx), 0, 0);
    drawMarks(ctx, measuring ? placed : measured ? cornerList(measured) : [], measuring ? cursor : null);
  }, [film, measuring, placed, measured, cursor]);

  const place = (p: MeasurePoint) => {
    const next = [...placed, p];
    if (next.length < CORNERS.length) {
      setPlaced(next);
      return;
    }
    const corners = {
      anteriorSuperior: next[0],
      anteriorInferior: next[1],
      posteriorSuperior: next[2],
      posteriorInferior: next[3],
    };
    setMeasured(corners);
    setPlaced([]);
    setMeasuring(false);
    onMeasure(corners);
  };
  const placeRef = useRef(place);
  placeRef.current = place;

  const start = () => {
    setPlaced([]);
    setMeasuring(true);
    canvas.current?.focus();
  };
  const move = (dx: number, dy: number) =>
    setCursor({ x: clampPx(cursorRef.current.x + dx), y: clampPx(cursorRef.current.y + dy) });
  const moveRef = useRef(move);
  moveRef.current = move;
  const startRef = useRef(start);
  startRef.current = start;

  const available = canMeasure && film !== null;
  // Shift+X (the procedure's key map) asks to start; the first request is the mount's, not a press.
  const firstRequest = useRef(measureRequest);
  useEffect(() => {
    if (measureRequest !== firstRequest.current && available) startRef.current();
  }, [measureRequest, available]);
  const measureBindings = useMemo(() => {
    const arrow = (id: string, key: string, dx: number, dy: number) => [
      {
        id: `film.${id}`,
        keys: [key],
        label: `Cursor ${id}`,
        onDown: () => moveRef.current(dx * STEP_PX, dy * STEP_PX),
      },
      {
        id: `film.${id}Far`,
        keys: [`Shift+${key}`],
        label: `Cursor ${id}, 10 px`,
        onDown: () => moveRef.current(dx * BIG_STEP_PX, dy * BIG_STEP_PX),
      },
    ];
    return [
      ...arrow('left', 'ArrowLeft', -1, 0),
      ...arrow('right', 'ArrowRight', 1, 0),
      ...arrow('up', 'ArrowUp', 0, -1),
      ...arrow('down', 'ArrowDown', 0, 1),
      {
        id: 'film.place',
        keys: ['Enter'],
        label: 'Place the corner',
        repeat: false,
        onDown: () => placeRef.current(cursorRef.current),
      },
      {
        id: 'film.undo',
        keys: ['Backspace'],
        label: 'Take back the last corner',
        onDown: () => setPlaced((p) => p.slice(0, -1)),
      },
      { id: 'film.stop', keys: ['Escape'], label: 'Stop measuring', onDown: () => setMeasuring(false) },
    ];
  }, []);
  useKeyScope('Measuring the lateral film', measureBindings, { enabled: measuring && available, modal: true });

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!available) return;
    const r = e.currentTarget.getBoundingClientRect();
    const p = {
      x: clampPx(((e.clientX - r.left) / r.width) * PREOP_IMAGE_PX),
      y: clampPx(((e.clientY - r.top) / r.height) * PREOP_IMAGE_PX),
    };
    setCursor(p);
    if (!measuring) {
      setMeasuring(true);
      setPlaced([p]);
    } else place(p);
  };

  const figures = measured ? wedgeFromCorners(measured) : null;
  const truth = useMemo(() => trueWedgeFigures(anatomy), [anatomy]);
  return (
    <Panel title="Standing lateral radiograph" className="case-film">
      <canvas
        ref={canvas}
        width={PREOP_IMAGE_PX}
        height={PREOP_IMAGE_PX}
        tabIndex={0}
        className={`preop-film${measuring ? ' measuring' : ''}`}
        data-testid="preop-film"
        aria-label="Pre-operative standing lateral radiograph of the fractured level, anterior on the left"
        onClick={onClick}
      />
      {!film && <p className="muted">Developing the film…</p>}
      {measuring ? (
        <p className="film-prompt" role="status" data-testid="film-prompt">
          Place the {CORNERS[placed.length][1]} ({placed.length + 1} of 4): arrows move, <kbd>Enter</kbd> places,{' '}
          <kbd>Backspace</kbd> takes back, <kbd>Esc</kbd> stops.
        </p>
      ) : (
        available && (
          <button type="button" data-testid="film-measure" onClick={start}>
            Measure the fractured body… <kbd>Shift+X</kbd>
          </button>
        )
      )}
      {figures && <MeasuredFigures figures={figures} truth={truth} mode={mode} />}
    </Panel>
  );
}

/** The figures the trainee's corners give; in practice also the anatomy's true ones (never in an exam). */
export function MeasuredFigures({
  figures: f,
  truth,
  mode,
}: {
  figures: WedgeFigures;
  truth: WedgeFigures;
  mode: TrainingMode;
}) {
  const showTruth = shows(mode, 'caseScreen.measurementTruth');
  return (
    <p className="film-figures" data-testid="film-figures">
      Measured: anterior {f.anteriorMm.toFixed(1)} mm, posterior {f.posteriorMm.toFixed(1)} mm, wedge{' '}
      {f.wedgeDeg.toFixed(1)}°, height loss {f.heightLossPct.toFixed(0)} %
      {showTruth && (
        <span className="film-truth" data-testid="film-truth">
          {' '}
          · true: wedge {truth.wedgeDeg.toFixed(1)}°, height loss {truth.heightLossPct.toFixed(0)} %
        </span>
      )}
    </p>
  );
}

const cornerList = (c: MeasuredCorners): MeasurePoint[] => [
  c.anteriorSuperior,
  c.anteriorInferior,
  c.posteriorSuperior,
  c.posteriorInferior,
];

/** The placed corners (yellow), the endplate lines once both ends of one are placed, and the cursor's cross. */
function drawMarks(ctx: CanvasRenderingContext2D, points: readonly MeasurePoint[], cursor: MeasurePoint | null): void {
  ctx.strokeStyle = '#ffd34d';
  ctx.fillStyle = '#ffd34d';
  ctx.lineWidth = 1.5;
  for (const p of points) {
    ctx.beginPath();
    ctx.arc(p.x, p.y, 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  // Superior endplate: corners 0 and 2; inferior: 1 and 3.
  for (const [a, b] of [
    [0, 2],
    [1, 3],
  ] as const) {
    if (points[a] && points[b]) {
      ctx.beginPath();
      ctx.moveTo(points[a].x, points[a].y);
      ctx.lineTo(points[b].x, points[b].y);
      ctx.stroke();
    }
  }
  if (cursor) {
    ctx.strokeStyle = '#4dd2ff';
    ctx.beginPath();
    ctx.moveTo(cursor.x - 8, cursor.y);
    ctx.lineTo(cursor.x + 8, cursor.y);
    ctx.moveTo(cursor.x, cursor.y - 8);
    ctx.lineTo(cursor.x, cursor.y + 8);
    ctx.stroke();
  }
}
