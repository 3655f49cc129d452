import type { ScoreReport } from '../../sim/scoring';
import type { Session } from '../../sim/session';
import { formatReportText, reportTextFilename, reportTextHeader } from '../../sim/scoring';
import { saveText } from '../ui/saveFile';

/** The plain-text report of an attempt and the name it is saved under. */
export interface ReportTextFile {
  readonly filename: string;
  readonly text: string;
}

/**
 * The text report of a scored attempt that ended at `endTick` (the final snapshot's tick). The
 * header takes only what the attempt file holds, so `npm run sim -- replay <attempt.json> --text`
 * prints these very bytes.
 */
export function reportTextFile(
  report: ScoreReport,
  session: Pick<Session, 'scenario' | 'seed' | 'mode'>,
  endTick: number,
): ReportTextFile {
  const header = reportTextHeader(session, endTick);
  return { filename: reportTextFilename(header), text: formatReportText(report, header) };
}

/** Save the text report as report-<scenario>-<seed>.txt. */
export function saveReportText(file: ReportTextFile): void {
  saveText(file.filename, file.text, 'text/plain;charset=utf-8');
}

/**
 * The report as text for an instructor: a download (T) and the same text in a collapsible block
 * to copy from.
 */
export function ReportText({ file }: { readonly file: ReportTextFile }) {
  return (
    <section className="report-text" aria-label="Report as text">
      <button
        type="button"
        data-testid="download-report-text"
        aria-keyshortcuts="T"
        onClick={() => saveReportText(file)}
      >
        Download report (text) <kbd>T</kbd>
      </button>
      <details data-testid="report-text">
        <summary>Report as text</summary>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{file.text}</pre>
      </details>
    </section>
  );
}
