import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PatientAlarm } from '../../sim/core';
import type { PatientView } from '../../sim/patient';
import { alarmSentence, milligrams, oxygenLabel, vitalFlag } from '../../src/procedure/panels/monitorText';
import { PatientMonitorPanel } from '../../src/procedure/panels/PatientMonitorPanel';

/** A sedated patient on oxygen whose breathing has slowed and whose SpO2 has fallen under the limit. */
const PATIENT: PatientView = {
  heartRateBpm: 64.4,
  systolicMmHg: 112.6,
  diastolicMmHg: 70.2,
  spo2Pct: 88.7,
  respiratoryRatePerMin: 7.2,
  pain: 1.6,
  rass: -3,
  sedation: 0.6,
  midazolamMg: 3,
  midazolamEffectNgMl: 48,
  localBlock: { left: 0, right: 0.9 },
  onOxygen: true,
  oxygenLPerMin: 2,
  flumazenilMg: 0,
  flumazenilEffectNgMl: 0,
  fluidsMl: 0,
  helpCalled: false,
  cementInLungsMl: 0,
  embolism: null,
  overSedation: 'moderate',
  neuroDeficit: null,
  neuroExam: null,
  painOnSittingNrs: null,
  ct: null,
  surgicalOpinion: false,
  antibioticChoice: 'cefazolin',
  antibiotic: 'cefazolin',
  adrenalineMg: 0,
  allergicSigns: 0,
  allergicSignsNow: null,
  anaphylaxis: null,
  bloodLossMl: 0,
  bleeding: false,
  compressing: false,
  punctureSite: 'none',
  bleedingGrade: null,
  alarms: ['spo2Low', 'respiratoryRateLow'],
};

const render = (patient: PatientView, mode: 'practice' | 'exam'): string =>
  renderToStaticMarkup(createElement(PatientMonitorPanel, { patient, mode }));

/** The text of the element with this test id (tags stripped). */
function textOf(html: string, testId: string): string {
  const m = html.match(new RegExp(`data-testid="${testId}"[^>]*>(.*?)</span></div>`));
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '');
}

describe('patient monitor words', () => {
  it('marks a value LOW or HIGH only while one of its alarms sounds', () => {
    const alarms: PatientAlarm[] = ['spo2Low', 'heartRateHigh', 'systolicLow'];
    expect(vitalFlag(alarms, 'spo2')).toBe('LOW');
    expect(vitalFlag(alarms, 'hr')).toBe('HIGH');
    expect(vitalFlag(alarms, 'bp')).toBe('LOW');
    expect(vitalFlag(alarms, 'rr')).toBeNull();
    expect(vitalFlag([], 'hr')).toBeNull();
    expect(vitalFlag(['heartRateLow'], 'hr')).toBe('LOW');
    expect(vitalFlag(['systolicHigh'], 'bp')).toBe('HIGH');
  });

  it('names the alarms sounding, without their values, and says when none is', () => {
    expect(alarmSentence([])).toBe('No alarms');
    expect(alarmSentence(['spo2Low', 'respiratoryRateLow'])).toBe('Alarm: SpO2 low, respiratory rate low');
  });

  it('shows the oxygen flow or room air, and milligrams without a trailing .0', () => {
    expect(oxygenLabel(true, 2)).toBe('2 L/min');
    expect(oxygenLabel(false, 0)).toBe('room air');
    expect(milligrams(3)).toBe('3');
    expect(milligrams(1.5)).toBe('1.5');
  });
});

describe('patient monitor panel', () => {
  it('shows every value with its unit, and the values in alarm in words', () => {
    const html = render(PATIENT, 'practice');
    expect(textOf(html, 'vital-hr')).toBe('64 bpm');
    expect(textOf(html, 'vital-bp')).toBe('113/70 mmHg');
    expect(textOf(html, 'vital-spo2')).toBe('89 % LOW');
    expect(textOf(html, 'vital-rr')).toBe('7 /min LOW');
    expect(textOf(html, 'vital-pain')).toBe('2 /10');
    expect(textOf(html, 'vital-rass')).toBe('RASS -3');
    expect(textOf(html, 'vital-midazolam')).toBe('3 mg');
    expect(textOf(html, 'vital-oxygen')).toBe('2 L/min');
    expect(html).toMatch(/aria-live="polite"[^>]*>Alarm: SpO2 low, respiratory rate low</);
    expect(html).toContain('panel patient-monitor alarm');
  });

  it('shows the same in an exam: the operator sees the bedside monitor', () => {
    expect(render(PATIENT, 'exam')).toBe(render(PATIENT, 'practice'));
  });

  it('shows flumazenil, fluids and a call for help only once given', () => {
    const plain = render(PATIENT, 'practice');
    for (const id of ['vital-flumazenil', 'vital-fluids', 'vital-help']) expect(plain).not.toContain(id);
    const html = render({ ...PATIENT, flumazenilMg: 0.2, fluidsMl: 500, helpCalled: true }, 'practice');
    expect(textOf(html, 'vital-flumazenil')).toBe('0.2 mg');
    expect(textOf(html, 'vital-fluids')).toBe('500 mL');
    expect(html).toMatch(/data-testid="vital-help"[^>]*>called</);
  });

  it('shows the puncture sites once the instruments are out: oozing, pressure held or dry', () => {
    for (const punctureSite of ['none', 'instruments'] as const)
      expect(render({ ...PATIENT, punctureSite }, 'practice')).not.toContain('vital-site');
    expect(render({ ...PATIENT, punctureSite: 'oozing' }, 'practice')).toMatch(/data-testid="vital-site"[^>]*>oozing</);
    expect(render({ ...PATIENT, punctureSite: 'compressed' }, 'practice')).toMatch(
      /data-testid="vital-site"[^>]*>pressure held</,
    );
    expect(render({ ...PATIENT, punctureSite: 'dry' }, 'practice')).toMatch(/data-testid="vital-site"[^>]*>dry</);
  });

  it('reads room air and no alarms for a patient at rest', () => {
    const html = render({ ...PATIENT, onOxygen: false, oxygenLPerMin: 0, alarms: [] }, 'practice');
    expect(textOf(html, 'vital-oxygen')).toBe('room air');
    expect(textOf(html, 'vital-spo2')).toBe('89 %');
    expect(html).toContain('>No alarms<');
    expect(html).not.toContain('alarm"');
  });
});
