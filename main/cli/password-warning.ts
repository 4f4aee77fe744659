// A password inside --database-url stays visible in the process list (`ps`, /proc) to every
// user of the machine for as long as the command runs. The CLI still uses it, and says so once.
import type { Command } from 'commander';

export const ARGV_PASSWORD_WARNING =
  'Warning: the password in --database-url is visible to other users in the process list. ' +
  'Leave it out of the URL and set PGPASSWORD, add it to ~/.pgpass, or pass the whole URL in DATABASE_URL.';

export function hasPassword(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url.trim()).password !== '';
  } catch {
    // Not a URL: validation refuses it with its own message.
    return false;
  }
}

/** Prints the warning before a command whose --database-url carries a password. */
export function warnOnArgvPassword(command: Command, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Command {
  return command.hook('preAction', (cmd) => {
    if (hasPassword((cmd.opts() as { databaseUrl?: string }).databaseUrl)) write(ARGV_PASSWORD_WARNING);
  });
}
