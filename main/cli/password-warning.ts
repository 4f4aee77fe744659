// A password inside --database-url stays visible in the process list (`ps`, /proc) to every
// user of the machine for as long as the command runs. The CLI still uses it, and says so once.

export const ARGV_PASSWORD_WARNING =
  'Warning: the password in --database-url is visible to other users in the process list. ' +
  'Leave it out of the URL and set PGPASSWORD, add it to ~/.pgpass, or pass the whole URL in DATABASE_URL.';

export function hasPassword(url: string | undefined): boolean {
  if (!url) return false;
  try {
    // Only a URL the command will use: any other is refused with one line of its own.
    const u = new URL(url.trim());
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.password !== '';
  } catch {
    // Not a URL: validation refuses it with its own message.
    return false;
  }
}

/**
 * Prints the warning once the command's flags have been accepted, just before it connects: a
 * command line refused for another reason keeps its one line.
 */
export function warnOnArgvPassword(databaseUrl: string | undefined, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  if (hasPassword(databaseUrl)) write(ARGV_PASSWORD_WARNING);
}
