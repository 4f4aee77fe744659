// `lead-console campaign show|set|history` and `list set`: a campaign's settings from the shell
// (domain.md, second part). Changes are recorded as made by `cli`.
import type { Command } from 'commander';
import { InputError } from '../../../../shared/errors';
import { addDatabaseOptions, addNowOption, addReadOnlyOption, clockFrom, withDatabase, type DatabaseFlags } from '../../database-options';
import { printJson } from '../../output/format';
import { parseId, quoted } from '../../parse';
import { changeText, detailText, historyText } from './campaign-format';

export const CLI_USER = 'cli';

interface SetFlags extends DatabaseFlags {
  campaign?: string;
  json?: boolean;
  active?: boolean;
  inactive?: boolean;
  retryDelay?: string;
  droppedRetryDelay?: string;
  maxAttempts?: string;
  hopperTarget?: string;
  recyclable?: string;
  window?: string;
  timezone?: string;
  leadOrder?: string;
  newEvery?: string;
}

export function requiredId(value: string | undefined, flag: string): number {
  const id = parseId(value, flag);
  if (id === undefined) throw new InputError(`${flag} ID is required.`);
  return id;
}

/** A whole number as typed (its range is the service's check, which names the field). */
export function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new InputError(`${flag} needs a whole number (got ${quoted(value)}).`);
  return Number(value.trim());
}

export function activeFlag(flags: { active?: boolean; inactive?: boolean }): boolean | undefined {
  if (flags.active && flags.inactive) throw new InputError('Give --active or --inactive, not both.');
  return flags.active ? true : flags.inactive ? false : undefined;
}

function patchOf(flags: SetFlags): Record<string, unknown> {
  let window: string[] = [];
  if (flags.window !== undefined) {
    window = flags.window.split('-').map((t) => t.trim());
    if (window.length !== 2) throw new InputError(`--window needs HH:MM-HH:MM (got ${quoted(flags.window)}).`);
  }
  return {
    active: activeFlag(flags),
    retry_delay_minutes: wholeNumber(flags.retryDelay, '--retry-delay'),
    dropped_retry_delay_minutes: wholeNumber(flags.droppedRetryDelay, '--dropped-retry-delay'),
    max_dial_attempts: wholeNumber(flags.maxAttempts, '--max-attempts'),
    hopper_target: wholeNumber(flags.hopperTarget, '--hopper-target'),
    recyclable_statuses: flags.recyclable === undefined ? undefined : flags.recyclable.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    call_window_start: window[0],
    call_window_end: window[1],
    timezone: flags.timezone,
    lead_order: flags.leadOrder,
    new_every: wholeNumber(flags.newEvery, '--new-every'),
  };
}

function command(parent: Command, name: string, description: string): Command {
  return addNowOption(addDatabaseOptions(parent.command(name).description(description))).option('--json', 'print JSON');
}

export function registerCampaign(program: Command): void {
  const campaign = program.command('campaign').description("a campaign's settings: show, set, history");

  addReadOnlyOption(command(campaign, 'show', 'settings, recycle rules and lists of a campaign'))
    .option('--campaign <id>', 'campaign id')
    .action(async (flags: SetFlags) => {
      const id = requiredId(flags.campaign, '--campaign');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const d = await createServices(h, clockFrom(flags)).campaignSettings.show(id);
        if (flags.json) printJson(d);
        else console.log(detailText(d));
      });
    });

  command(campaign, 'set', 'change settings; every changed field is recorded, hopper rows made ineligible are removed')
    .option('--campaign <id>', 'campaign id')
    .option('--active', 'dial this campaign')
    .option('--inactive', 'stop dialing this campaign')
    .option('--retry-delay <min>', 'minutes before a lead is dialed again')
    .option('--dropped-retry-delay <min>', 'minutes before a dropped lead is dialed again')
    .option('--max-attempts <n>', 'dial attempts after which a lead is not dialed')
    .option('--hopper-target <n>', 'queued leads the hopper keeps')
    .option('--recyclable <s,s>', 'statuses dialed again (comma-separated; never a final status)')
    .option('--window <HH:MM-HH:MM>', 'local calling window, start before end')
    .option('--timezone <tz>', 'IANA timezone for leads without one')
    .option('--lead-order <order>', 'default, down, up, down_count, up_count, down_last_call, up_last_call, random')
    .option('--new-every <n>', '0 (off) or 2-6: every Nth lead of a fill is new')
    .action(async (flags: SetFlags) => {
      const id = requiredId(flags.campaign, '--campaign');
      const patch = patchOf(flags);
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const r = await createServices(h, clockFrom(flags)).campaignSettings.update(id, patch, CLI_USER);
        if (flags.json) printJson(r);
        else console.log(changeText(r));
      });
    });

  addReadOnlyOption(command(campaign, 'history', 'every recorded change, newest first'))
    .option('--campaign <id>', 'campaign id')
    .action(async (flags: SetFlags) => {
      const id = requiredId(flags.campaign, '--campaign');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const rows = await createServices(h, clockFrom(flags)).campaignSettings.history(id);
        if (flags.json) printJson(rows);
        else console.log(historyText(rows));
      });
    });

  const list = program.command('list').description('a lead list: turn it on or off');
  command(list, 'set', 'turn a list on or off (recorded in its campaign history)')
    .option('--list <id>', 'list id')
    .option('--active', 'dial this list')
    .option('--inactive', 'stop dialing this list')
    .action(async (flags: SetFlags & { list?: string }) => {
      const id = requiredId(flags.list, '--list');
      const active = activeFlag(flags);
      if (active === undefined) throw new InputError('Give --active or --inactive.');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../../services/create-services');
        const r = await createServices(h, clockFrom(flags)).campaignSettings.setListActive(id, active, CLI_USER);
        if (flags.json) printJson(r);
        else console.log(changeText(r));
      });
    });
}
