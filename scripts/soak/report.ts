// The soak's printed report: one table of IPC calls (p50/p95/max inside the console's dispatch),
// the dialer, the jobs, the hopper checks, the machine, and the verdict.
import type { SoakFigures } from './figures';

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatReport(f: SoakFigures, violations: string[]): string {
  const out: string[] = [];
  const s = f.settings;
  out.push(
    `Soak: ${s.consoles} consoles, ${s.calls_per_second} calls/s, ${s.leads.toLocaleString('en-US')} leads, job schedules ${s.schedules}, ${f.load_seconds} s of load (set-up ${f.setup_seconds} s)`,
    `Machine: ${f.machine.cpus} × ${f.machine.cpu_model}, ${f.machine.memory_gb} GB, PostgreSQL ${f.machine.postgres}; load average (1 min) mean ${f.load_average.mean_1min}, max ${f.load_average.max_1min}`,
    '',
    'IPC calls (time inside the console\'s dispatch, ms):',
    table(
      ['channel', 'calls', 'ok', 'refused', 'errors', 'p50', 'p95', 'p99', 'max'],
      Object.entries(f.ipc).map(([ch, c]) => [ch, c.count, c.ok, c.refused, c.errors, c.p50_ms, c.p95_ms, c.p99_ms, c.max_ms]),
    ),
    '',
    `Supervisor: ${f.supervisor.recycles} recycles (${f.supervisor.recycled_leads} leads), ${f.supervisor.undos} undos (${f.supervisor.undone_leads} leads), ${f.supervisor.undos_refused} undos refused (expected: ${f.expected_refusals.join(', ')})`,
  );
  if (f.dialer) {
    const d = f.dialer;
    out.push(
      `Dialer: ${d.claimed} calls placed (${d.calls_per_second}/s), ${d.recorded} results recorded, ${d.status_changes} status changes, ${d.requeued} re-queued, ${d.fills} own fills, ${d.starved_ticks} short claims, ${d.double_claims.length} double claims, ${d.errors.length} errors`,
      table(
        ['dialer call', 'count', 'p50', 'p95', 'p99', 'max'],
        Object.entries(d.latency).map(([name, l]) => [name, l.count, l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms]),
      ),
    );
  }
  const j = f.jobs;
  out.push(
    '',
    `Jobs: ${j.ticks_expected} ticks expected, ${j.ticks_missing.length} missing, ${j.ticks_twice.length} run twice, ${j.failed.length} failed, ${j.left_running} left running, ${j.overlaps.length} overlaps; runs ${JSON.stringify(j.by_outcome)}`,
    table(
      ['job', 'ticks', 'ok', 'skipped', 'failed', 'median ms', 'max ms'],
      Object.entries(j.per_job).map(([job, p]) => [job, p.ticks, p.ok, p.skipped, p.failed, p.median_ms, p.max_ms]),
    ),
    `Runs per console: ${f.consoles.map((c) => `${c.index}: ${j.by_runner[c.runner] ?? 0}`).join(', ')}`,
    `Hopper: ${f.hopper.samples} samples (${f.hopper.failed_samples ?? 0} failed to read), ${f.hopper.duplicate_leads.length} leads queued twice, unique index on lead_id: ${f.hopper.unique_lead_index ? 'yes' : 'no'}, most rows ${f.hopper.max_rows_seen}, 'dialing' left at the end: ${f.hopper.dialing_left_at_end}`,
    `PostgreSQL deadlocks detected (retried inside, none shown to a caller): ${f.postgres_deadlocks}`,
    `Operations at the end: ${Object.entries(f.operations).map(([k, n]) => `${k} ${n}`).join(', ')}; left running: ${f.operations_left_running.length}`,
    '',
    violations.length === 0 ? 'PASS: every invariant held.' : `FAIL:\n${violations.map((v) => `- ${v}`).join('\n')}`,
  );
  return out.join('\n');
}
