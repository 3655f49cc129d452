import type { TrainingMode } from '../../../sim/core';
import type { PatientView } from '../../../sim/patient';
import { fixed } from '../../ui/format';
import { Panel, Readout } from '../../ui/Panel';
import { shows } from '../examVisibility';
import {
  alarmSentence,
  allergicSignsText,
  type MonitoredVital,
  milligrams,
  oxygenLabel,
  siteLabel,
  vitalFlag,
} from './monitorText';

interface Props {
  readonly patient: PatientView;
  readonly mode: TrainingMode;
}

/** A number with its unit, then "LOW" / "HIGH" while an alarm marks it: colour is never the only signal. */
function Vital({ text, unit, flag }: { text: string; unit: string; flag?: string | null }) {
  return (
    <>
      {text}
      <span className="readout-unit"> {unit}</span>
      {flag && <strong className="vital-flag"> {flag}</strong>}
    </>
  );
}

/**
 * The patient monitor beside the X-ray monitors: heart rate, blood pressure, SpO2 and breathing
 * rate as the bedside monitor shows them, the pain and sedation the team judges at the table, and
 * what was given (midazolam, oxygen; flumazenil, fluids, a call for help and adrenaline once given), and an
 * allergic reaction's skin and chest signs while it has any. Two columns, so it stays a few lines high and the panel of
 * the current step below it stays in view. A value in alarm is marked in words as well as in red,
 * and the alarms are read out through a polite live region, which never takes the focus from the
 * keys that work the procedure.
 */
/** The monitored vital signs in the monitor's order: which alarm each answers to, its label, value and unit. */
function vitalRows(p: PatientView): { vital: MonitoredVital; label: string; text: string; unit: string }[] {
  return [
    { vital: 'hr', label: 'HR', text: fixed(p.heartRateBpm, 0), unit: 'bpm' },
    { vital: 'bp', label: 'BP', text: `${fixed(p.systolicMmHg, 0)}/${fixed(p.diastolicMmHg, 0)}`, unit: 'mmHg' },
    { vital: 'spo2', label: 'SpO2', text: fixed(p.spo2Pct, 0), unit: '%' },
    { vital: 'rr', label: 'RR', text: fixed(p.respiratoryRatePerMin, 0), unit: '/min' },
  ];
}

export function PatientMonitorPanel({ patient: p, mode }: Props) {
  const flag = (vital: MonitoredVital) => vitalFlag(p.alarms, vital);
  const tone = (vital: MonitoredVital) => (flag(vital) ? 'danger' : undefined);
  const alarmed = p.alarms.length > 0;
  return (
    <Panel
      title="Patient monitor"
      testId="patient-monitor"
      className={alarmed ? 'patient-monitor alarm' : 'patient-monitor'}
      // The alarm line on the title's line: the monitor stays three rows of figures high under the
      // X-ray monitors of a laptop's screen.
      aside={
        shows(mode, 'patient.alarms') && (
          <p
            className={alarmed ? 'vitals-alarms danger' : 'vitals-alarms'}
            aria-live="polite"
            data-testid="patient-alarms"
          >
            {alarmSentence(p.alarms)}
          </p>
        )
      }
    >
      <div className="vitals-grid">
        {shows(mode, 'patient.vitals') &&
          vitalRows(p).map((row) => (
            <Readout
              key={row.vital}
              label={row.label}
              value={<Vital text={row.text} unit={row.unit} flag={flag(row.vital)} />}
              tone={tone(row.vital)}
              testId={`vital-${row.vital}`}
            />
          ))}
        {shows(mode, 'patient.assessment') && (
          <>
            <Readout label="Pain" value={<Vital text={fixed(p.pain, 0)} unit="/10" />} testId="vital-pain" />
            <Readout label="Sedation" value={`RASS ${fixed(p.rass, 0)}`} testId="vital-rass" />
            {/* An allergic reaction's signs at the bedside (the skin, the chest), only while there are any. */}
            {p.allergicSignsNow && (
              <Readout
                label="Skin, chest"
                value={allergicSignsText(p.allergicSignsNow)}
                tone={p.allergicSignsNow === 'mild' ? 'warn' : 'danger'}
                testId="vital-allergy"
              />
            )}
            {/* The puncture sites once the instruments are out: an ooze is seen at the table. */}
            {siteLabel(p.punctureSite) && (
              <Readout
                label="Site"
                value={siteLabel(p.punctureSite)}
                tone={p.punctureSite === 'oozing' ? 'danger' : undefined}
                testId="vital-site"
              />
            )}
          </>
        )}
        {shows(mode, 'patient.given') && (
          <>
            <Readout
              label="Midazolam"
              value={<Vital text={milligrams(p.midazolamMg)} unit="mg" />}
              testId="vital-midazolam"
            />
            <Readout label="O2" value={oxygenLabel(p.onOxygen, p.oxygenLPerMin)} testId="vital-oxygen" />
            {/* The answers appear once given, so the usual case keeps the monitor short. */}
            {p.flumazenilMg > 0 && (
              <Readout
                label="Flumazenil"
                value={<Vital text={milligrams(p.flumazenilMg)} unit="mg" />}
                testId="vital-flumazenil"
              />
            )}
            {p.fluidsMl > 0 && (
              <Readout label="Fluids" value={<Vital text={fixed(p.fluidsMl, 0)} unit="mL" />} testId="vital-fluids" />
            )}
            {p.helpCalled && <Readout label="Help" value="called" testId="vital-help" />}
            {p.adrenalineMg > 0 && (
              <Readout
                label="Adrenaline"
                value={<Vital text={milligrams(p.adrenalineMg)} unit="mg IM" />}
                testId="vital-adrenaline"
              />
            )}
          </>
        )}
      </div>
    </Panel>
  );
}
