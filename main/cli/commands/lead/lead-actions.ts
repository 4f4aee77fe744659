// `lead-console lead set-status|reset-attempts`: a supervisor's manual actions on one lead,
// audited with source `manual`, the OS user and the reason.
import type { Command } from 'commander';
import { isStatus, STATUSES } from '../../../../shared/catalogue';
import { InputError } from '../../../../shared/errors';
import type { ManualActionResult } from '../../../../shared/types/leads';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../../database-options';
import { printJson } from '../../output/format';
import { parseId, quoted } from '../../parse';

interface Flags extends DatabaseFlags {
  id: string;
  reason: string;
  json?: boolean;
}

const word = (s: string | null) => (s === null ? '(no status)' : s);

function actionText(r: ManualActionResult): string {
  const head =
    r.action === 'set_status'
      ? `Lead ${r.lead_id}: ${word(r.old_status)} → ${word(r.new_status)}`
      : r.action === 'reset_attempts'
        ? `Lead ${r.lead_id}: dial attempts reset to 0`
        : `Lead ${r.lead_id}: phone put on the DNC list`;
  return `${head} (audited as manual, by ${r.changed_by}).${r.removed_from_hopper ? ' Taken out of the hopper.' : ''}`;
}

function action(lead: Command, name: string, description: string): Command {
  return addNowOption(addDatabaseOptions(lead.command(name).description(description)))
    .requiredOption('--id <n>', 'lead id')
    .requiredOption('--reason <text>', 'why (goes into the audit with your OS user name)')
    .option('--json', 'print one JSON object');
}

export function registerLeadActions(lead: Command): void {
  action(lead, 'set-status', 'set the status of one lead (a final status needs --override-final; dnc never changes)')
    .requiredOption('--status <status>', `a catalogue status: ${STATUSES.join(', ')}`)
    .option('--override-final', 'allow moving a lead out of a final status other than dnc')
    .action(async (flags: Flags & { status: string; overrideFinal?: boolean }) => {
      const leadId = parseId(flags.id, '--id')!;
      if (!isStatus(flags.status)) throw new InputError(`--status needs a catalogue status (${STATUSES.join(', ')}); got ${quoted(flags.status)}.`);
      const status = flags.status;
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const r = await createServices(h, clockFrom(flags)).leads.setStatus({ leadId, status, reason: flags.reason, overrideFinal: Boolean(flags.overrideFinal) });
        if (flags.json) printJson(r);
        else console.log(actionText(r));
      });
    });

  action(lead, 'reset-attempts', 'set the dial attempts of one lead back to 0').action(async (flags: Flags) => {
    const leadId = parseId(flags.id, '--id')!;
    await withDatabase(flags, async (h) => {
      const { createServices } = await import('../../../services/create-services');
      const r = await createServices(h, clockFrom(flags)).leads.resetAttempts(leadId, flags.reason);
      if (flags.json) printJson(r);
      else console.log(actionText(r));
    });
  });
}
