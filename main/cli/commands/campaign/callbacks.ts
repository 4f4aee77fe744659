// `lead-console callbacks add|list|cancel` (domain.md "Callbacks").
import type { Command } from 'commander';
import { InputError } from '../../../../shared/errors';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, withDatabase, type DatabaseFlags } from '../../database-options';
import { printJson } from '../../output/format';
import { parseId } from '../../parse';
import { requiredId } from './campaign';
import { callbacksText } from './campaign-format';

interface Flags extends DatabaseFlags {
  lead?: string;
  due?: string | boolean;
  agent?: string;
  note?: string;
  campaign?: string;
  id?: string;
  json?: boolean;
}

function command(parent: Command, name: string, description: string): Command {
  return addNowOption(addDatabaseOptions(parent.command(name).description(description))).option('--json', 'print JSON');
}

export function registerCallbacks(program: Command): void {
  const callbacks = program.command('callbacks').description('callbacks: schedule, list, cancel');

  command(callbacks, 'add', 'schedule a callback for a lead (for anyone, or for one agent)')
    .option('--lead <id>', 'lead id')
    .option('--due <iso>', 'when, ISO-8601 (e.g. 2026-11-24T15:00:00Z)')
    .option('--agent <name>', 'only this agent calls back (until the campaign hands it over)')
    .option('--note <text>', 'what was promised')
    .action(async (flags: Flags) => {
      const lead = requiredId(flags.lead, '--lead');
      if (typeof flags.due !== 'string') throw new InputError('--due ISO is required.');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const row = await createServices(h, clockFrom(flags)).callbacks.add({ lead_id: lead, due_at: flags.due as string, agent: flags.agent, note: flags.note });
        if (flags.json) printJson(row);
        else console.log(`Callback ${row.id} for lead ${row.lead_id} due ${row.due_at} (${row.scope === 'agent' ? row.agent : 'anyone'}).`);
      });
    });

  addReadOnlyOption(command(callbacks, 'list', 'pending callbacks, earliest due first'))
    .option('--campaign <id>', 'only this campaign')
    .option('--due', 'only those due now')
    .option('--agent <name>', "only this agent's")
    .action(async (flags: Flags) => {
      const campaignId = parseId(flags.campaign, '--campaign');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const rows = await createServices(h, clockFrom(flags)).callbacks.list({ campaignId, due: flags.due === true, agent: flags.agent });
        if (flags.json) printJson(rows);
        else console.log(callbacksText(rows));
      });
    });

  command(callbacks, 'cancel', 'cancel a pending callback')
    .option('--id <n>', 'callback id')
    .action(async (flags: Flags) => {
      const id = requiredId(flags.id, '--id');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const row = await createServices(h, clockFrom(flags)).callbacks.cancel(id);
        if (flags.json) printJson(row);
        else console.log(`Callback ${row.id} cancelled.`);
      });
    });
}
