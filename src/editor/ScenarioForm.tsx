import { useContext } from 'react';
import {
  CAVITY_DEVICE_KINDS,
  CEMENT_DELIVERY_KINDS,
  DIFFICULTIES,
  LEVELS,
  SEGMENTATION_VARIANTS,
} from '../../levels/scenarioSchema';
import {
  ALLERGEN_LABELS,
  ALLERGENS,
  ALLERGIC_REACTIONS,
  ASA_CLASSES,
  asaLine,
  DECLINE_REASONS,
  DECLINE_REASON_LABELS,
} from '../../sim/core/index';
import { CAVITY_DEVICE_NAMES } from '../../sim/instruments';
import { AnticoagulantFields } from './AnticoagulantFields';
import { CheckField, FieldErrorList, FormContext, NumberField, SelectField, TextField } from './FormFields';
import { withAlsoAccepted } from './alsoAccepted';
import { ListEditor } from './ListEditor';
import { SecondLevelFields } from './SecondLevelFields';
import { getAt } from './scenarioDraft';

/** The ASA classes the editor offers (1 to 4), each labelled as the case review writes it. */
const ASA_OPTIONS = ASA_CLASSES.map((_, i) => i + 1);
const ASA_LABELS = Object.fromEntries(ASA_OPTIONS.map((n) => [String(n), asaLine(n) ?? '']));

/** The fields of a scenario that matter to an instructor, grouped as the case reads. */
export function ScenarioForm({ plans }: { readonly plans: readonly string[] }) {
  const form = useContext(FormContext);
  if (!form) return null;
  const { draft, set } = form;
  const indication = getAt(draft, ['indication', 'decision']) === 'decline' ? 'decline' : 'operate';
  const mainReason = getAt(draft, ['indication', 'reason']);
  const alsoAccepted = getAt(draft, ['indication', 'alsoAccepted']);
  return (
    <div className="editor-form" data-testid="editor-form">
      <fieldset>
        <legend>Case</legend>
        <TextField path={['id']} label="Id (lower-case letters, digits, dashes)" />
        <TextField path={['title']} label="Title" />
        <SelectField path={['level']} label="Level" options={LEVELS} />
        <SelectField path={['procedure']} label="Procedure" options={['kyphoplasty', 'vertebroplasty']} />
        <SelectField path={['approach']} label="Approach" options={['unipedicular', 'bipedicular']} />
        <SelectField
          path={['route']}
          label="Route into the body"
          options={['extrapedicular']}
          labels={{ extrapedicular: 'beside the pedicle (extrapedicular)' }}
          optionalLabel="through the pedicle"
        />
      </fieldset>

      <fieldset>
        <legend>Fracture</legend>
        <SelectField path={['fracture', 'type']} label="Type" options={['wedge', 'biconcave', 'crush']} />
        <SelectField path={['fracture', 'genantGrade']} label="Genant grade" options={[1, 2, 3]} />
        <NumberField path={['fracture', 'heightLossPct']} label="Height loss % (empty: the grade's middle)" optional />
        <NumberField path={['fracture', 'ageWeeks']} label="Age of the fracture, weeks" />
        <CheckField path={['fracture', 'endplateCrack']} label="Endplate crack" />
        <CheckField path={['fracture', 'cleft']} label="Intravertebral cleft" />
        <CheckField path={['fracture', 'posteriorWallDefect']} label="Posterior wall defect" />
        <CheckField path={['fracture', 'lateralCortexDefect']} label="Lateral cortex defect" />
      </fieldset>

      <SecondLevelFields />

      <fieldset>
        <legend>Patient</legend>
        <NumberField path={['patient', 'age']} label="Age, years" />
        <SelectField path={['patient', 'sex']} label="Sex" options={['female', 'male']} />
        <SelectField path={['patient', 'habitus']} label="Habitus" options={['thin', 'average', 'obese']} />
        <NumberField path={['patient', 'weightKg']} label="Weight, kg" />
        <NumberField path={['patient', 'tScore']} label="Bone quality: DXA T-score" />
        <SelectField
          path={['patient', 'segmentation']}
          label="Segmentation"
          options={SEGMENTATION_VARIANTS}
          optionalLabel="drawn per patient"
        />
        <TextField path={['patient', 'history']} label="History" multiline />
        <SelectField
          path={['patient', 'asaClass']}
          label="General health: ASA class (III or IV: an overnight stay)"
          options={ASA_OPTIONS}
          labels={ASA_LABELS}
          optionalLabel="not stated"
        />
        <NumberField path={['patient', 'labs', 'inr']} label="INR" />
        <NumberField path={['patient', 'labs', 'plateletsPerNl']} label="Platelets per nL" />
        <AnticoagulantFields />
      </fieldset>

      <fieldset data-testid="editor-findings">
        <legend>Findings</legend>
        <ListEditor
          path={['patient', 'findings']}
          row={(i) => (
            <>
              <TextField path={['patient', 'findings', i, 'text']} label={`Finding ${i + 1}`} />
              <SelectField
                path={['patient', 'findings', i, 'supportsProcedure']}
                label="It"
                options={[true, false]}
                labels={{ true: 'supports the procedure', false: 'speaks against it' }}
              />
            </>
          )}
          newItem={() => ({ text: '', supportsProcedure: true })}
          addLabel="Add a finding"
          addTestId="add-finding"
        />
      </fieldset>

      <fieldset data-testid="editor-allergies">
        <legend>Allergies (shown in the case review; an exposure in the procedure starts the reaction)</legend>
        <ListEditor
          path={['patient', 'allergies']}
          row={(i) => (
            <>
              <SelectField
                path={['patient', 'allergies', i, 'agent']}
                label="Agent"
                options={ALLERGENS}
                labels={ALLERGEN_LABELS}
              />
              <SelectField
                path={['patient', 'allergies', i, 'reaction']}
                label="Reaction"
                options={ALLERGIC_REACTIONS}
              />
            </>
          )}
          newItem={() => ({ agent: 'cefazolin', reaction: 'anaphylaxis' })}
          addLabel="Add an allergy"
          addTestId="add-allergy"
          optional
        />
      </fieldset>

      <fieldset data-testid="editor-prior-augmentation">
        <legend>Levels treated before (their cement shows on every image)</legend>
        <ListEditor
          path={['patient', 'priorAugmentation']}
          row={(i) => (
            <>
              <SelectField path={['patient', 'priorAugmentation', i, 'level']} label="Level" options={LEVELS} />
              <SelectField
                path={['patient', 'priorAugmentation', i, 'procedure']}
                label="Procedure"
                options={['vertebroplasty', 'kyphoplasty']}
              />
              <NumberField path={['patient', 'priorAugmentation', i, 'volumeMl']} label="Cement, mL" />
              <NumberField path={['patient', 'priorAugmentation', i, 'yearsAgo']} label="Years ago" />
            </>
          )}
          newItem={() => ({ level: 'L1', procedure: 'vertebroplasty', volumeMl: 3, yearsAgo: 1 })}
          addLabel="Add a level treated before"
          addTestId="add-prior-augmentation"
          optional
        />
      </fieldset>

      <fieldset>
        <legend>Indication</legend>
        <div className="editor-field">
          <label>
            Decision{' '}
            <select
              data-field="indication.decision"
              value={indication}
              onChange={(e) =>
                set(
                  ['indication'],
                  e.target.value === 'decline'
                    ? { decision: 'decline', reason: DECLINE_REASONS[0] }
                    : { decision: 'operate' },
                )
              }
            >
              <option value="operate">operate</option>
              <option value="decline">decline</option>
            </select>
          </label>
        </div>
        {indication === 'decline' && (
          <SelectField
            path={['indication', 'reason']}
            label="Reason to decline"
            options={DECLINE_REASONS}
            labels={DECLINE_REASON_LABELS}
          />
        )}
        {indication === 'decline' && (
          <div className="editor-field" data-field="indication.alsoAccepted">
            <span>Also accepted as the right reason (the findings support it equally)</span>
            {DECLINE_REASONS.filter((r) => r !== mainReason).map((r) => (
              <label key={r} className="editor-check">
                <input
                  type="checkbox"
                  data-reason={r}
                  checked={Array.isArray(alsoAccepted) && alsoAccepted.includes(r)}
                  onChange={(e) =>
                    set(['indication', 'alsoAccepted'], withAlsoAccepted(alsoAccepted, mainReason, r, e.target.checked))
                  }
                />{' '}
                {DECLINE_REASON_LABELS[r]}
              </label>
            ))}
          </div>
        )}
        <FieldErrorList path={['indication']} />
      </fieldset>

      <fieldset>
        <legend>Teaching</legend>
        <SelectField path={['teaching', 'difficulty']} label="Difficulty" options={DIFFICULTIES} />
        <NumberField path={['teaching', 'order']} label="Place in the curriculum" />
        <ListEditor
          path={['teaching', 'objectives']}
          row={(i) => <TextField path={['teaching', 'objectives', i]} label={`Objective ${i + 1}`} />}
          newItem={() => ''}
          addLabel="Add an objective"
        />
      </fieldset>

      <fieldset>
        <legend>Equipment and cement</legend>
        <SelectField path={['equipment', 'trocarGauge']} label="Trocar gauge" options={[11, 13, 15]} />
        <SelectField path={['equipment', 'balloonLengthMm']} label="Balloon length, mm" options={[10, 15, 20]} />
        <SelectField
          path={['equipment', 'cavityDevice']}
          label="Cavity device (kyphoplasty)"
          options={CAVITY_DEVICE_KINDS}
          labels={CAVITY_DEVICE_NAMES}
          optionalLabel="not set (the balloon)"
        />
        <SelectField path={['equipment', 'carm']} label="C-arm" options={['single-plane', 'biplane']} />
        <NumberField path={['cement', 'roomTempC']} label="Room temperature, °C" />
        <SelectField
          path={['cement', 'delivery']}
          label="Cement delivery"
          options={CEMENT_DELIVERY_KINDS}
          optionalLabel="as the procedure (fillers / syringe)"
        />
        <CheckField path={['cement', 'preChilled']} label="Cement pre-chilled" />
      </fieldset>

      <fieldset>
        <legend>Scoring</legend>
        <NumberField path={['scoring', 'passScore']} label="Pass mark (0-100)" />
        <SelectField path={['scoring', 'expertPlan']} label="Expert plan" options={plans} optionalLabel="none" />
      </fieldset>
    </div>
  );
}
