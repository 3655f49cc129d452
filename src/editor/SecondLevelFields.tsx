import { LEVELS } from '../../levels/scenarioSchema';
import { CheckField, FieldErrorList, NumberField, SelectField, useForm } from './FormFields';
import { getAt } from './scenarioDraft';

/** The level below the first (above L5: the one above), where a second fracture is most often found. */
function neighbourOf(level: unknown): string {
  const i = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  if (i < 0) return 'L1';
  return LEVELS[i + 1] ?? LEVELS[i - 1];
}

/**
 * A second fractured level treated in the same procedure (scenario.secondLevel): off, the case treats
 * one level; on, a level near the first with a fracture of its own, starting as a copy of the
 * first's. The schema names what does not fit (too far, the same level, a kyphoplasty) at its field.
 */
export function SecondLevelFields() {
  const { draft, set } = useForm();
  const second = getAt(draft, ['secondLevel']);
  const on = second !== undefined;
  const toggle = (checked: boolean) =>
    set(
      ['secondLevel'],
      checked
        ? { level: neighbourOf(getAt(draft, ['level'])), fracture: { ...(getAt(draft, ['fracture']) as object) } }
        : undefined,
    );
  return (
    <fieldset data-testid="editor-second-level">
      <legend>A second level in the same procedure (vertebroplasty; an overnight stay)</legend>
      <div className="editor-check">
        <label>
          <input
            type="checkbox"
            data-field="secondLevel"
            data-testid="second-level-toggle"
            checked={on}
            onChange={(e) => toggle(e.target.checked)}
          />{' '}
          Treat a second fractured level after the first
        </label>
        <FieldErrorList path={['secondLevel']} />
      </div>
      {on && (
        <>
          <SelectField path={['secondLevel', 'level']} label="Second level" options={LEVELS} />
          <SelectField
            path={['secondLevel', 'fracture', 'type']}
            label="Its fracture"
            options={['wedge', 'biconcave', 'crush']}
          />
          <SelectField path={['secondLevel', 'fracture', 'genantGrade']} label="Genant grade" options={[1, 2, 3]} />
          <NumberField
            path={['secondLevel', 'fracture', 'heightLossPct']}
            label="Height loss % (empty: the grade's middle)"
            optional
          />
          <NumberField path={['secondLevel', 'fracture', 'ageWeeks']} label="Age of the fracture, weeks" />
          <CheckField path={['secondLevel', 'fracture', 'endplateCrack']} label="Endplate crack" />
          <CheckField path={['secondLevel', 'fracture', 'cleft']} label="Intravertebral cleft" />
          <CheckField path={['secondLevel', 'fracture', 'posteriorWallDefect']} label="Posterior wall defect" />
          <CheckField path={['secondLevel', 'fracture', 'lateralCortexDefect']} label="Lateral cortex defect" />
        </>
      )}
    </fieldset>
  );
}
