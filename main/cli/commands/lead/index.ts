// `lead-console lead …`: one lead at a time (find, show, manual actions).
import type { Command } from 'commander';
import { registerLeadFind } from './lead-find';

export function registerLead(program: Command): void {
  const lead = program.command('lead').description('one lead: find it, show its story, act on it');
  registerLeadFind(lead);
}
