// `lead-console lead find QUERY`: leads by id, phone or name, newest first.
import type { Command } from 'commander';
import type { LeadSearchResult } from '../../../../shared/types/leads';
import { CLI_FIGURES } from '../../figures';
import { addDatabaseOptions, addReadOnlyOption, clockFrom, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../../database-options';
import { printJson, table } from '../../output/format';
import { parseId, parsePositiveInt } from '../../parse';

interface Flags extends DatabaseFlags {
  limit?: string;
  before?: string;
  json?: boolean;
}

const name = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(' ') || '—';
const word = (s: string | null) => (s === null ? '(no status)' : JSON.stringify(s));

function findText(r: LeadSearchResult): string {
  if (r.leads.length === 0) return `No lead matches ${JSON.stringify(r.query)} (searched by ${r.searched.join(', ')}).`;
  const rows: (string | number)[][] = [['id', 'name', 'phone', 'campaign / list', 'status', 'attempts', 'matched']];
  for (const l of r.leads) rows.push([l.id, name(l.first_name, l.last_name), l.phone, `${l.campaign_name} / ${l.list_name}`, word(l.status), l.dial_attempts, l.matched.join(',')]);
  const more = r.next_before_id === null ? '' : `\nMore: add --before ${r.next_before_id}`;
  return `${table(rows, ['r', 'l', 'l', 'l', 'l', 'r', 'l'])}${more}`;
}

export function registerLeadFind(lead: Command): void {
  addReadOnlyOption(addDatabaseOptions(lead.command('find').description('find leads by id (#12), phone (any spelling, or its last 4+ digits) or name (prefix, case ignored), newest first')))
    .argument('<query>', 'an id, a phone, or the start of a name')
    .option('--limit <n>', `leads per page (1-${CLI_FIGURES.searchLimit})`, '20')
    .option('--before <id>', 'the next page: leads older than this id (printed as next_before_id)')
    .option('--json', 'print one JSON object')
    .action(async (query: string, flags: Flags) => {
      const limit = parsePositiveInt(flags.limit ?? '20', '--limit', CLI_FIGURES.searchLimit);
      const beforeId = parseId(flags.before, '--before') ?? null;
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const result = await createServices(h, clockFrom(flags)).leads.search(query, { limit, beforeId });
        if (flags.json) printJson(result);
        else console.log(findText(result));
      }, NO_CHECKPOINT_WORKER);
    });
}
