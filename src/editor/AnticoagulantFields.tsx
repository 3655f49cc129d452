import { useId } from 'react';
import { ANTICOAGULANT_DRUGS } from '../../levels/scenarioSchema';
import { FieldErrorList, NumberField, useForm } from './FormFields';
import { pathKey } from './fieldErrors';
import { getAt } from './scenarioDraft';

const PATH = ['patient', 'anticoagulant'] as const;
/** Hours since the last dose a newly chosen drug starts with (a dose the day before). */
const FIRST_HOURS = 24;

/**
 * The anticoagulant or antiplatelet drug the patient takes (patient.anticoagulant, optional): none
 * leaves the field out; a drug adds it with the hours since its last dose, which the puncture
 * sites' bleeding reads with the labs (sim/patient/coagulation.ts).
 */
export function AnticoagulantFields() {
  const { draft, set } = useForm();
  const id = useId();
  const current = getAt(draft, PATH) as { drug?: unknown; lastDoseHoursAgo?: unknown } | undefined;
  const choose = (drug: string) =>
    set(PATH, drug === '' ? undefined : { drug, lastDoseHoursAgo: current?.lastDoseHoursAgo ?? FIRST_HOURS });
  return (
    <>
      <div className="editor-field">
        <label htmlFor={id}>Anticoagulant or antiplatelet drug</label>
        <select
          id={id}
          data-field={pathKey(PATH)}
          data-testid="editor-anticoagulant"
          value={typeof current?.drug === 'string' ? current.drug : ''}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="">none</option>
          {ANTICOAGULANT_DRUGS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <FieldErrorList path={PATH} />
      </div>
      {current !== undefined && <NumberField path={[...PATH, 'lastDoseHoursAgo']} label="Last dose, hours ago" />}
    </>
  );
}
