// The commands that only read, as `--read-only` runs them: one list for the read-only test and
// for the SELECT-only PostgreSQL role's test, so a new reporting command is added to both.
export function readOnlyCommands(ids: { listId: number; campaignId: number }, now: string): string[][] {
  const list = String(ids.listId);
  const campaign = String(ids.campaignId);
  return [
    ['fix-lead-status', '--report-only', '--json'],
    ['fix-lead-status', '--dry-run', '--json', '--now', now],
    ['breakdown', '--list', list, '--json'],
    ['hopper', 'stats', '--campaign', campaign, '--now', now, '--json'],
    ['hopper', 'explain', '--campaign', campaign, '--now', now, '--json'],
    ['jobs', 'list', '--now', now, '--json'],
    ['jobs', 'history', '--json'],
    ['recycle', '--list', list, '--status', 'no_answer', '--dry-run', '--json'],
    ['report', 'penetration', '--list', list, '--now', now, '--json'],
    ['report', 'activity', '--campaign', campaign, '--now', now, '--json'],
  ];
}
