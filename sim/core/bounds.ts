import { TICKS_PER_S } from './constants';

/**
 * Every size limit the engine and its file formats enforce, each with its reason. An attempt or
 * scenario file comes from outside (a trainee's download, an instructor's draft, a lab upload), so
 * nothing in it may make a reader loop, allocate or draw without bound. Schemas, parsers, the
 * replay and the menu all read their limits from here.
 */

/**
 * The longest procedure, in simulated seconds: 6 h. A single-level kyphoplasty takes 30-60 min and
 * a difficult multi-level case 2-3 h; 6 h is twice the longest plausible case (a trainee who leaves
 * a case open over lunch still fits), and it keeps the worst replay bounded. Measured on a shared
 * 2-core machine: ticks with the physics busy (needle, balloon, cement) replay at ~7,000 per wall
 * second, idle ticks at ~500,000; a 6 h attempt takes seconds if mostly idle, ~3 min if busy throughout.
 */
export const MAX_PROCEDURE_S = 6 * 60 * 60;
/** The longest procedure in fixed ticks (1/60 s): 1,296,000. No session steps past it, no replay runs past it. */
export const MAX_PROCEDURE_TICKS = MAX_PROCEDURE_S * TICKS_PER_S;

/**
 * The most commands an attempt may log: 100,000. A recorded textbook case logs about 150 commands
 * in 11 min; a held key repeats at most ~10 times a second, so even a 6 h attempt of constant input
 * stays far below, and 100,000 entries of ~80 bytes keep the file within MAX_ATTEMPT_FILE_BYTES.
 */
export const MAX_LOG_ENTRIES = 100_000;

/** The largest attempt file, bytes: 16 MiB (MAX_LOG_ENTRIES entries with indentation, plus the scenario). Checked before parsing. */
export const MAX_ATTEMPT_FILE_BYTES = 16 * 1024 * 1024;

/** The largest scenario file, bytes: 256 KiB (a bundled scenario is ~3 KB; the text limits below add at most ~60 KB). */
export const MAX_SCENARIO_FILE_BYTES = 256 * 1024;

/** Ids (scenario ids, plan names): lower-case words of letters and digits joined by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest id: 64 characters (the bundled ids are at most 33; an id also names a file). */
export const MAX_ID_LENGTH = 64;
/** The longest title: 120 characters (one line in the menu; the bundled titles are at most 68). */
export const MAX_TITLE_LENGTH = 120;
/** The longest free text (a history, a finding): 2,000 characters (a paragraph; the bundled ones are at most 282). */
export const MAX_TEXT_LENGTH = 2000;
/** The longest app version string written into an attempt file (package.json "version", semver). */
export const MAX_APP_VERSION_LENGTH = 64;
/** The longest lab station name in an attempt file: 120 characters (a computer's name, one line). */
export const MAX_STATION_LENGTH = 120;
/** The longest trainee id in an attempt file: 64 characters (the lab server's ids are UUIDs, 36). */
export const MAX_TRAINEE_ID_LENGTH = 64;

/** A case review needs at least one finding to weigh. */
export const MIN_FINDINGS = 1;
/** At most 20 findings: more than a case review screen can show without scrolling away the decision. */
export const MAX_FINDINGS = 20;

/** Seeds are the integers 0..2^32-1: the seeded generator (sim/math/rng.ts) takes a 32-bit unsigned state. */
export const MIN_SEED = 0;
export const MAX_SEED = 0xffffffff;

/** Whether n is a seed: an integer in 0..2^32-1 (not 2^32, not Infinity, not -1, not 1.5). */
export function isSeed(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_SEED && n <= MAX_SEED;
}

/** The sentence every refusal of a seed uses, so the menu, the CLI and createSession say the same. */
export function seedError(value: unknown): string {
  return `The seed must be a whole number from ${MIN_SEED} to ${MAX_SEED} (2^32-1); ${String(value)} is not.`;
}

/**
 * Wall-time budget for one replay, milliseconds: 3 min. A recorded 11 min textbook case replays
 * in ~6 s and a real attempt (under 1 h) in well under a minute; only a 6 h attempt busy from end
 * to end comes near 3 min (above), so a replay still running after 3 min is not worth waiting
 * for: the caller stops it and says so. The engine never
 * reads a clock: callers (the replay worker, the CLI) turn this into a shouldContinue check.
 */
export const REPLAY_BUDGET_MS = 3 * 60 * 1000;
/** How often a replay asks its caller whether to go on: every 600 ticks (10 s of simulated time, ~75 ms of wall time). */
export const REPLAY_CHECK_EVERY_TICKS = 600;

/**
 * Display text (titles, histories, findings) is one plain line of text: no control characters
 * (\p{Cc}: C0, DEL and C1, newlines included), no lone surrogate halves (\p{Cs}: not Unicode, so
 * the hash and the screen would see different text) and no HTML angle brackets, never markup.
 */
export const PLAIN_TEXT_PATTERN = /^[^\p{Cc}\p{Cs}<>]*$/u;

/** UTF-8 length of a string in bytes, without building the bytes. */
export function utf8ByteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The text with a leading UTF-8 byte-order mark removed (editors on Windows add one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * How far the table moves under the C-arm from where it started, mm, either way (carm.pan): 400 mm
 * reaches the sacrum and the lowest rib from any target and start (T3, two levels above a T5 target,
 * to the sacrum is about 380 mm), the
 * distance a trainee pans to count the levels.
 */
export const MAX_PAN_MM = 400;

/**
 * The pre-operative lateral radiograph's size in pixels (square; sim/imaging/radiograph/preopRadiograph.ts).
 * A case-review measurement (case.measure) places its points on that image, so each coordinate is
 * bounded by it: a point off the film measures nothing.
 */
export const PREOP_IMAGE_PX = 480;

/** One IV bolus of midazolam, mg (sedation.midazolam); the total per procedure is sim/patient/midazolam.ts's. */
export const MIDAZOLAM_BOLUS_MG = { min: 0.5, max: 5 } as const;

/** The highest nasal-cannula oxygen flow, L/min (oxygen.nasal). */
export const MAX_OXYGEN_L_PER_MIN = 6;

/** One IV fluid bolus, mL (patient.fluids); the total per procedure is sim/patient/fluids.ts's. */
export const FLUID_BOLUS_ML = { min: 100, max: 1000 } as const;

/** One IV dose of flumazenil, mg (sedation.flumazenil); the total per procedure is sim/patient/flumazenil.ts's. */
export const FLUMAZENIL_DOSE_MG = { min: 0.1, max: 1 } as const;

/** One IM dose of adrenaline (1 mg/mL), mg (patient.adrenaline); the total per procedure is sim/patient/adrenaline.ts's. */
export const ADRENALINE_DOSE_MG = { min: 0.1, max: 0.5 } as const;
/** Firm manual pressure on the puncture sites, min (site.compress; sim/patient/bleeding.ts). */
export const SITE_COMPRESSION_MIN = { min: 1, max: 10 } as const;
