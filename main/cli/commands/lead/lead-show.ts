// `lead-console lead show --id N`: one lead's whole story, and whether it may be dialed now.
import type { Command } from 'commander';
import { eligibilitySentence } from '../../../../shared/domain/eligibility-words';
import type { LeadStory } from '../../../../shared/types/leads';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, NO_CHECKPOINT_WORKER, withDatabase, type DatabaseFlags } from '../../database-options';
import { printJson, table } from '../../output/format';
import { parseId } from '../../parse';

interface Flags extends DatabaseFlags {
  id: string;
  json?: boolean;
}

const word = (s: string | null) => (s === null ? '(no status)' : JSON.stringify(s));

function storyText(s: LeadStory): string {
  const l = s.lead;
  const lines = [
    `Lead ${l.id}: ${[l.first_name, l.last_name].filter(Boolean).join(' ') || '(no name)'}, ${l.phone}${s.phone_on_dnc ? ' (on the DNC list)' : ''}`,
    `Campaign ${l.campaign_name} (#${l.campaign_id}${l.campaign_active ? '' : ', off'}), list ${l.list_name} (#${l.list_id}${l.list_active ? '' : ', off'})`,
    `Status ${word(l.status)}; ${l.dial_attempts} attempts, ${l.answered_count} answered; last dial ${l.last_dial_attempt ?? '—'} (${l.dial_result ?? '—'}); status set ${l.last_status_change ?? '—'}`,
    eligibilitySentence(s.eligibility),
    s.hopper ? `In the hopper: ${s.hopper.state}, priority ${s.hopper.priority}, since ${s.hopper.added_at}` : 'Not in the hopper.',
  ];
  if (s.calls.length > 0) {
    lines.push('', `Calls (${s.calls.length}, newest first):`);
    lines.push(table([['started', 'result', 'as', 'cause', 'seconds', 'agent'], ...s.calls.map((c) => [c.started_at, c.result ?? '—', c.classified, c.hangup_cause ?? '—', c.duration_seconds === null ? '—' : String(c.duration_seconds), c.agent ?? '—'])]));
  }
  if (s.audit.length > 0) {
    lines.push('', `Status changes (${s.audit.length}, newest first):`);
    lines.push(table([['when', 'from', 'to', 'source', 'by', 'reason'], ...s.audit.map((a) => [a.created_at, word(a.old_status), word(a.new_status), a.operation_kind ? `${a.source} (${a.operation_kind})` : a.source, a.changed_by ?? '—', a.reason ?? ''])]));
  }
  return lines.join('\n');
}

export function registerLeadShow(lead: Command): void {
  addReadOnlyOption(addNowOption(addDatabaseOptions(lead.command('show').description("one lead's story: fields, calls, status changes, hopper, DNC and eligibility now"))))
    .requiredOption('--id <n>', 'lead id')
    .option('--json', 'print one JSON object (lead, calls, audit, hopper, callbacks, phone_on_dnc, eligibility)')
    .action(async (flags: Flags) => {
      const id = parseId(flags.id, '--id')!;
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const story = await createServices(h, clockFrom(flags)).leads.story(id);
        if (flags.json) printJson(story);
        else console.log(storyText(story));
      }, NO_CHECKPOINT_WORKER);
    });
}
