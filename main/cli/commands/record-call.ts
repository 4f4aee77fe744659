// `lead-console record-call`: a dialer pipes its dial results in, one JSON object per line, and
// reads one JSON line back for each. A bad line gets an error line; the next lines still run.
import readline from 'node:readline';
import type { Command } from 'commander';
import { classifyCallResult, readStatus } from '../../../shared/catalogue';
import { ConsoleError } from '../../../shared/errors';
import { addDatabaseOptions, addNowOption, clockFrom, withDatabase, type DatabaseFlags } from '../database-options';

/** Lines being recorded at once: enough to fill the service's batches, bounded for memory. */
const IN_FLIGHT = 64;

/** A result word the catalogue does not know is recorded, classified from the hangup cause; the reply says so. */
function unknownResultNote(call: { result?: string | null; hangup_cause?: string | number | null }): { warning?: string } {
  const word = call.result?.trim();
  if (!word || readStatus(word).status !== null) return {};
  const as = classifyCallResult(word, call.hangup_cause);
  const from = call.hangup_cause === null || call.hangup_cause === undefined ? 'no hangup cause to go by' : `from hangup cause ${JSON.stringify(call.hangup_cause)}`;
  return { warning: `unknown result word ${JSON.stringify(word)}: recorded as ${as} (${from})` };
}

function errorLine(line: number, message: string, callUuid?: unknown): string {
  return JSON.stringify({ ok: false, line, ...(typeof callUuid === 'string' ? { call_uuid: callUuid } : {}), error: message });
}

export function registerRecordCall(program: Command): void {
  addNowOption(
    addDatabaseOptions(
      program
        .command('record-call')
        .description('record dial results: one JSON object per line on stdin (call_uuid, lead_id, started_at, result or hangup_cause, ...), one JSON reply line each'),
    ),
  )
    .option('--json', 'replies are always JSON lines (accepted for symmetry with the other commands)')
    .action(async (flags: DatabaseFlags) => {
      const clock = clockFrom(flags);
      let failed = 0;
      // zod loads with this command, not for --help (scripts/build-cli.mjs).
      const { DialResultSchema } = await import('./dial-result-schema');
      await withDatabase(flags, async (h) => {
        const { createServices } = await import('../../services/create-services');
        const { hopper } = createServices(h, clock);
        const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
        // Up to IN_FLIGHT lines are recorded at once, so that results piped in together share
        // transactions (dial-batcher.ts); replies still come out in the order of the lines, and
        // a lead's calls are applied in that order.
        const replies: Promise<string>[] = [];
        const flush = async (keep: number) => {
          while (replies.length > keep) process.stdout.write(`${await replies.shift()!}\n`);
        };
        let lineNo = 0;
        for await (const raw of input) {
          lineNo += 1;
          const text = raw.trim();
          if (text === '') continue;
          replies.push(replyTo(lineNo, text));
          await flush(IN_FLIGHT - 1);
        }
        await flush(0);

        async function replyTo(line: number, text: string): Promise<string> {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            failed += 1;
            return errorLine(line, 'not valid JSON');
          }
          const check = DialResultSchema.safeParse(parsed);
          if (!check.success) {
            failed += 1;
            const issue = check.error.issues[0];
            const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
            return errorLine(line, `${where}${issue.message}`, (parsed as { call_uuid?: unknown })?.call_uuid);
          }
          try {
            const result = await hopper.recordDialAttempt(check.data);
            return JSON.stringify({ ok: true, line, ...result, ...unknownResultNote(check.data) });
          } catch (error) {
            failed += 1;
            const message = error instanceof ConsoleError ? error.message : `Unexpected error: ${(error as Error).message}`;
            return errorLine(line, message, check.data.call_uuid);
          }
        }
      });
      if (failed > 0) process.exitCode = 1;
    });
}
