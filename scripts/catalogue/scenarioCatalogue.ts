import { readdirSync, readFileSync } from 'node:fs';
import { cavityDeviceName } from '../../sim/instruments';
import { GENANT_RANGES, parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { allergyLine, asaLine, DECLINE_REASON_LABELS } from '../../sim/core';

/** A kyphoplasty's cavity device when it is not the balloon (the catalogue's procedure column). */
const cavity = (s: Scenario): string =>
  s.procedure === 'kyphoplasty' && s.equipment.cavityDevice && s.equipment.cavityDevice !== 'balloon'
    ? `, ${cavityDeviceName(s.equipment.cavityDevice)}`
    : '';

/**
 * docs/scenarios.md, the scenario catalogue, made from the files in levels/ so that it cannot drift
 * from them: one row per case in curriculum order, then each case's objectives and findings. The
 * test tests/unit/scenarioCatalogue.test.ts compares the committed page with what this makes;
 * `npm run catalogue` writes it.
 */
export const CATALOGUE_PATH = 'docs/scenarios.md';
/** Each case's pre-operative lateral (patient 1), written by `npm run catalogue` (writeCatalogue.ts). */
export const filmPath = (id: string): string => `docs/images/scenarios/${id}.png`;

export function loadLibrary(dir = 'levels'): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parseScenario(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), f))
    .sort((a, b) => (a.teaching?.order ?? Number.MAX_SAFE_INTEGER) - (b.teaching?.order ?? Number.MAX_SAFE_INTEGER));
}

/** What the structured history states beyond the labs (general health, anticoagulant, allergies), or nothing. */
function structuredHistory(p: Scenario['patient']): string {
  const parts = [
    asaLine(p.asaClass),
    p.anticoagulant ? `${p.anticoagulant.drug}, last dose ${p.anticoagulant.lastDoseHoursAgo} h before` : null,
    p.allergies?.length ? allergyLine(p.allergies).replace('Allergies', 'allergies') : null,
  ].filter((x): x is string => x !== null);
  return parts.map((x) => `; ${x}`).join('');
}

/** A table cell: pipes and line breaks would break the Markdown table. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function decision(s: Scenario): string {
  const i = s.indication;
  return i?.decision === 'decline' ? `decline: ${DECLINE_REASON_LABELS[i.reason]}` : 'operate';
}

/** The fracture in words; a case of two levels names both, the first level's first. */
function fracture(s: Scenario): string {
  const first = fractureText(s.fracture);
  return s.secondLevel
    ? `${s.level}: ${first}; ${s.secondLevel.level}: ${fractureText(s.secondLevel.fracture)}`
    : first;
}

function fractureText(f: Scenario['fracture']): string {
  const [lo, hi] = GENANT_RANGES[f.genantGrade];
  const loss = f.heightLossPct !== undefined ? `${f.heightLossPct} %` : `${lo}-${hi} %`;
  const flags = [
    f.endplateCrack && 'endplate crack',
    f.cleft && 'intravertebral cleft',
    f.posteriorWallDefect && 'posterior-wall defect',
    f.lateralCortexDefect && 'lateral cortex defect',
  ].filter(Boolean);
  return `${f.type}, Genant ${f.genantGrade} (${loss}), ${f.ageWeeks} weeks${flags.length ? `; ${flags.join(', ')}` : ''}`;
}

export function catalogueMarkdown(library: readonly Scenario[]): string {
  const lines = [
    '# Scenario catalogue',
    '',
    'Every case the app ships, in the order of the curriculum (the menu lists them the same way). Made',
    'from the files in `levels/` by `npm run catalogue`; a test fails when this page and the files',
    'disagree. The pass mark of each case comes from standard setting (`npm run sim -- standard-set`,',
    'docs/validity.md); the expert plan is the benchmark the debrief replays on the trainee’s patient.',
    'Each case shows the pre-operative standing lateral of its first patient (seed 1), rendered from',
    'its anatomy by the same pipeline as the case review’s film; other seeds are other patients.',
    '',
    '| # | Case | Difficulty | Level | Procedure | Fracture | T-score | Right decision | Pass mark | Expert plan |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of library) {
    lines.push(
      `| ${s.teaching?.order ?? '-'} | [${cell(s.title)}](#${s.id}) | ${s.teaching?.difficulty ?? '-'} | ${s.secondLevel ? `${s.level} + ${s.secondLevel.level}` : s.level} | ${s.procedure}, ${s.approach}${cavity(s)} | ${cell(fracture(s))} | ${s.patient.tScore} | ${cell(decision(s))} | ${s.scoring.passScore} | \`${s.scoring.expertPlan ?? '-'}\` |`,
    );
  }
  for (const s of library) {
    const p = s.patient;
    lines.push(
      '',
      `## ${s.id}`,
      '',
      `![Pre-operative standing lateral radiograph of ${cell(s.title)}, patient 1](${filmPath(s.id).replace('docs/', '')})`,
      '',
      `**${s.title}** (version ${s.version ?? 1}). ${p.age}-year-old ${p.sex}, ${p.weightKg} kg, ${p.habitus} habitus, T-score ${p.tScore}; INR ${p.labs.inr}, platelets ${p.labs.plateletsPerNl}/nL${structuredHistory(p)}.`,
      '',
      p.history,
      '',
      'What the case teaches:',
      '',
      ...(s.teaching?.objectives ?? ['(no objectives stated)']).map((o) => `- ${o}`),
      '',
      'Findings at case review:',
      '',
      ...p.findings.map((f) => `- ${f.text} (${f.supportsProcedure ? 'supports' : 'argues against'} the procedure)`),
    );
  }
  return `${lines.join('\n')}\n`;
}
