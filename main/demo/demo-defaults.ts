// The demo's defaults, apart from the code that seeds and opens it: the CLI's command definitions
// show them in their help without loading the database layer (scripts/build-cli.mjs).
import path from 'node:path';
import { userDataDir } from '../db/database-config';

export const DEMO_LEADS = 58_466;

export function demoDatabaseFile(): string {
  return path.join(userDataDir(), 'demo.sqlite');
}
