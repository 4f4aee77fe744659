// `lead-console recycle-rules list|set|remove`: a status's own retry delay and attempt cap.
import type { Command } from 'commander';
import { InputError } from '../../../../shared/errors';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, withDatabase, type DatabaseFlags } from '../../database-options';
import { printJson } from '../../output/format';
import { CLI_USER, requiredId, wholeNumber } from './campaign';
import { changeText, rulesText } from './campaign-format';

interface Flags extends DatabaseFlags {
  campaign?: string;
  status?: string;
  delay?: string;
  max?: string;
  json?: boolean;
}

function command(parent: Command, name: string, description: string): Command {
  return addNowOption(addDatabaseOptions(parent.command(name).description(description)))
    .option('--json', 'print JSON')
    .option('--campaign <id>', 'campaign id');
}

export function registerRecycleRules(program: Command): void {
  const rules = program.command('recycle-rules').description("per-status recycle rules: a status's own retry delay and attempt cap");

  addReadOnlyOption(command(rules, 'list', "the campaign's rules")).action(async (flags: Flags) => {
    const id = requiredId(flags.campaign, '--campaign');
    await withDatabase(flags, async (h) => {
      const { createServices } = await import('../../../services/create-services');
      const d = await createServices(h, clockFrom(flags)).campaignSettings.show(id);
      if (flags.json) printJson(d.recycle_rules);
      else console.log(rulesText(d.recycle_rules));
    });
  });

  command(rules, 'set', 'add or change the rule of a status')
    .option('--status <s>', 'the status (a recyclable one)')
    .option('--delay <min>', 'minutes before a lead of this status is dialed again (0-43,200)')
    .option('--max <n>', 'attempts after which it is not dialed (1-100)')
    .action(async (flags: Flags) => {
      const id = requiredId(flags.campaign, '--campaign');
      if (flags.status === undefined || flags.delay === undefined || flags.max === undefined) throw new InputError('Give --status, --delay and --max.');
      const rule = { status: flags.status.trim(), delay_minutes: wholeNumber(flags.delay, '--delay'), max_attempts: wholeNumber(flags.max, '--max') };
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const r = await createServices(h, clockFrom(flags)).campaignSettings.setRecycleRule(id, rule, CLI_USER);
        if (flags.json) printJson(r);
        else console.log(changeText(r));
      });
    });

  command(rules, 'remove', 'remove the rule of a status')
    .option('--status <s>', 'the status')
    .action(async (flags: Flags) => {
      const id = requiredId(flags.campaign, '--campaign');
      if (flags.status === undefined) throw new InputError('Give --status.');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const r = await createServices(h, clockFrom(flags)).campaignSettings.removeRecycleRule(id, flags.status!.trim(), CLI_USER);
        if (flags.json) printJson(r);
        else console.log(changeText(r));
      });
    });
}
