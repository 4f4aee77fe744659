// The supervisor's report of a fix-lead-status run, in words and as JSON.
import { PROBLEM_CLASSES, PROBLEM_CLASS_LABEL as CLASS_LABEL } from '../../../shared/catalogue';
import type { FixReport } from '../../services/problems/problem-fixer';
import { fmt, table } from '../output/format';

export function fixReportJson(report: FixReport, database: string) {
  const base = {
    scope: { database, campaign_id: report.scope.campaign_id, list_id: report.scope.list_id, mode: report.mode },
    checked: report.checked,
    issues: report.issues,
    total_issues: report.total_issues,
    not_fixable: report.not_fixable,
    ...(report.stopped ? { stopped: true } : {}),
  };
  if (report.mode === 'report') return base;
  return {
    ...base,
    fixed: report.fixed,
    errors: report.errors,
    operation_id: report.operation_id,
    status_distribution_after: report.status_distribution_after,
    ...(report.error_messages.length > 0 ? { error_messages: report.error_messages } : {}),
  };
}

export function fixReportText(report: FixReport, database: string, opts: { verbose: boolean; seconds: number }): string {
  const out: string[] = [];
  const scope = report.scope.campaign_id !== null ? `campaign ${report.scope.campaign_id}` : 'all campaigns';
  const modeText = { report: 'report only, nothing will change', 'dry-run': 'dry run, nothing will change', fix: 'fix' }[report.mode];
  out.push(`Lead status check — ${scope} (${modeText})`);
  out.push(`Database: ${database}`);
  out.push('');
  out.push('Step 1 — analysis');
  const rows: (string | number)[][] = PROBLEM_CLASSES.map((c) => [`  ${c}`, report.issues[c], CLASS_LABEL[c]]);
  rows.push(['  total', report.total_issues, `of ${fmt(report.checked)} leads checked`]);
  out.push(table(rows, ['l', 'r', 'l']));
  if (opts.verbose) {
    for (const c of PROBLEM_CLASSES) {
      if (report.issues[c] === 0) continue;
      const ids = report.samples[c];
      const rest = report.issues[c] - ids.length;
      out.push(`  ${c}: ${ids.join(', ')}${rest > 0 ? ` … and ${fmt(rest)} more` : ''}`);
    }
  }
  out.push('');
  if (report.stopped && report.mode !== 'fix') {
    out.push(`Stopped after ${fmt(report.checked)} leads: the counts above cover only those.`);
    return out.join('\n');
  }
  if (report.mode === 'report') {
    out.push(
      report.total_issues - report.not_fixable > 0
        ? `Verdict: ${fmt(report.total_issues - report.not_fixable)} leads can be fixed; run without --report-only to fix them.`
        : report.not_fixable > 0
          ? `Verdict: nothing fixable; ${fmt(report.not_fixable)} leads have status words nobody knows — check them by hand.`
          : 'Verdict: every lead is tracked correctly.',
    );
    return out.join('\n');
  }
  const dry = report.mode === 'dry-run';
  out.push(`Step 2 — ${dry ? 'what a fix would do' : 'fix'}`);
  out.push(
    table(
      [
        ['  leads checked', report.checked],
        [dry ? '  would be fixed' : '  fixed', report.fixed],
        ['  not fixable', report.not_fixable],
        ['  errors', report.errors],
      ],
      ['l', 'r'],
    ),
  );
  const dist = Object.entries(report.status_distribution_after).sort((a, b) => b[1] - a[1]);
  if (dist.length > 0) {
    out.push('');
    out.push(dry ? 'Statuses the fixed leads would get:' : 'Statuses of the fixed leads now:');
    out.push(table(dist.map(([s, n]) => [`  ${s}`, n]), ['l', 'r']));
  }
  if (report.error_messages.length > 0) {
    out.push('');
    out.push('Errors (those batches were rolled back, nothing half-done):');
    for (const m of report.error_messages) out.push(`  ${m}`);
  }
  if (report.operation_id) out.push(`\nOperation ${report.operation_id} (${opts.seconds.toFixed(1)} s)`);
  out.push('');
  if (report.stopped) {
    out.push(`Stopped after ${fmt(report.checked)} leads: the ${fmt(report.fixed)} leads fixed so far stay fixed (their ranges were committed).`);
    if (report.operation_id) out.push(`Undo them with: lead-console undo --operation ${report.operation_id}; or run again to fix the rest.`);
    return out.join('\n');
  }
  if (report.errors > 0) out.push(`Verdict: ${fmt(report.errors)} leads could not be fixed because of errors; run again to finish.`);
  else if (dry) out.push(`Verdict: a fix would repair ${fmt(report.fixed)} leads${report.not_fixable ? ` and leave ${fmt(report.not_fixable)} unknown words for you` : ''}.`);
  else
    out.push(
      `Verdict: ${fmt(report.fixed)} leads repaired${report.not_fixable ? `; ${fmt(report.not_fixable)} with unknown status words need a look by hand` : ''}.`,
    );
  return out.join('\n');
}
