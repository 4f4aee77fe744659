// The console's own timings in a browser (issue 22), on a database seeded with the demo's shape
// (`lead-console seed-demo --leads 1000000`): `lead-console serve` in its own process, the system
// Chromium driven by playwright-core, times taken from the click to what the supervisor sees.
//
//   node --import tsx bench/screen-timings.ts --db /tmp/delhi-1m.sqlite [--out bench/screen-timings.json]
//   node --import tsx bench/screen-timings.ts --database-url postgres://… [--out …]
//
// - screen_first_figures: click on the biggest list → totals, figures and status cards shown;
// - screen_problem_banner: same click → the problem banner shown (counted: nothing kept yet);
// - screen_problem_banner_kept: the list left and opened again → the banner from its kept counts;
// - hopper_figures / hopper_explain: the Hopper screen of its campaign → figures / explain table;
// - hopper_during_dry_run: the same while a second tab runs the list's dry run (one slow request
//   must not queue the others behind it).
// The database is not changed (report, dry run and explain only; no jobs run: --no-jobs).
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser';
import { startServe } from '../test/support/serve-process';

export const BIG_LIST = 'Solar — Main import (Sept)';

export interface ScreenTimings {
  screen_first_figures: number;
  screen_problem_banner: number;
  screen_problem_banner_kept: number;
  hopper_figures: number;
  hopper_explain: number;
  hopper_during_dry_run: number;
}

const TIMEOUT = 600_000;

function listButton(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Campaigns' }).getByRole('button', { name: new RegExp(name.replace(/[()]/g, '\\$&')) });
}

function screenButton(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
}

async function since(start: number, wait: Promise<unknown>): Promise<number> {
  await wait;
  return Math.round(performance.now() - start);
}

/** Click → first figures (totals and a status card) and → problem banner, each timed from the click. */
async function openList(page: Page, name: string): Promise<{ figures: number; banner: number }> {
  const start = performance.now();
  await listButton(page, name).click();
  const figures = since(
    start,
    Promise.all([
      page.getByLabel('Total leads', { exact: true }).waitFor({ timeout: TIMEOUT }),
      page.locator('.status-view input[type=checkbox]').first().waitFor({ timeout: TIMEOUT }),
    ]),
  );
  const banner = since(start, page.getByTestId('problems-as-of').first().waitFor({ timeout: TIMEOUT }));
  return { figures: await figures, banner: await banner };
}

/** The Hopper screen of the selected list's campaign: figures, then the explain table. */
async function openHopper(page: Page): Promise<{ figures: number; explain: number }> {
  const start = performance.now();
  await screenButton(page, 'Hopper').click();
  const figures = since(start, page.getByLabel('Queued', { exact: true }).waitFor({ timeout: TIMEOUT }));
  const explain = since(start, page.getByRole('table', { name: 'Hopper explain' }).waitFor({ timeout: TIMEOUT }));
  return { figures: await figures, explain: await explain };
}

export async function measureScreens(dbArgs: string[]): Promise<ScreenTimings> {
  const serve = await startServe([...dbArgs, '--no-jobs'], { timeoutMs: 300_000 });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(serve.url.toString());
    await listButton(page, BIG_LIST).waitFor({ timeout: TIMEOUT });
    const first = await openList(page, BIG_LIST);
    // Another list, then back: the kept counts answer.
    await listButton(page, 'Solar — Web form leads').click();
    await page.getByTestId('problems-as-of').first().waitFor({ timeout: TIMEOUT }).catch(() => undefined);
    const again = await openList(page, BIG_LIST);
    const hopper = await openHopper(page);

    // A second tab (same session) runs the dry run of the big list while this one opens the hopper.
    const other = await context.newPage();
    await other.goto(serve.url.origin);
    await listButton(other, BIG_LIST).click();
    await other.getByRole('button', { name: 'Fix Problematic Leads' }).click({ timeout: TIMEOUT });
    await other.getByRole('progressbar', { name: /dry run/ }).waitFor({ timeout: TIMEOUT });
    await listButton(page, 'Solar — Web form leads').click();
    const busy = await openHopper(page);
    await other.getByRole('dialog', { name: 'Fix problem leads' }).waitFor({ timeout: TIMEOUT });
    return {
      screen_first_figures: first.figures,
      screen_problem_banner: first.banner,
      screen_problem_banner_kept: again.banner,
      hopper_figures: hopper.figures,
      hopper_explain: hopper.explain,
      hopper_during_dry_run: busy.explain,
    };
  } finally {
    await browser.close();
    await serve.stop();
  }
}

async function main(argv: string[]): Promise<void> {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const db = get('--db');
  const url = get('--database-url');
  if (!db === !url) throw new Error('Usage: bench/screen-timings.ts --db FILE | --database-url URL [--out FILE]');
  const timings = await measureScreens(db ? ['--db', db] : ['--database-url', url!]);
  const line = JSON.stringify({ database: db ? 'sqlite' : 'postgres', measured_at: new Date().toISOString(), ...timings }, null, 2);
  console.log(line);
  const out = get('--out');
  if (out) fs.writeFileSync(out, `${line}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
