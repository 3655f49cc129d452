import type { DomainId, ScoreReport } from '../../sim/scoring';
import type { AttemptSummary } from './attemptRecord';

/** The part of a score report the history list and the CSV need: total, verdict, domain scores, critical error ids. */
export function summarizeReport(report: ScoreReport): AttemptSummary {
  const domains: Partial<Record<DomainId, number>> = {};
  for (const d of report.domains) domains[d.id] = d.score;
  return {
    total: report.total,
    passScore: report.passScore,
    passed: report.passed,
    domains,
    criticalErrorIds: [...new Set(report.criticalErrors.map((c) => c.id))],
  };
}
