// The soak's database: the demo's shape (three campaigns, six lists, every problem class) at
// the chosen size, made dialable at any hour, every job on and (by default) ticking each minute,
// so ten minutes hold sixty ticks for the consoles to share.
import { JOB_NAMES } from '../../shared/types/jobs';
import { openDatabase } from '../../main/db/open-database';
import { toBool } from '../../main/db/schema';
import { seedDemo } from '../../main/demo/seed-demo';
import { writeSetting } from '../../main/services/jobs/job-settings';

export const SOAK_SCHEDULE = '* * * * *';

export interface SoakDataset {
  /** Active campaigns (the dialer dials them all). */
  campaigns: number[];
  /** Active lists (the supervisor recycles and undoes them). */
  lists: number[];
  leads: number;
}

export interface DatasetOptions {
  leads: number;
  callsPerSecond: number;
  schedules: 'every-minute' | 'default';
}

export async function prepareDatabase(url: string, { leads, callsPerSecond, schedules }: DatasetOptions): Promise<SoakDataset> {
  const handle = await openDatabase({ kind: 'postgres', url });
  try {
    await seedDemo(handle, { leads });
    const campaigns = (await handle.db.selectFrom('campaigns').select(['id', 'active']).orderBy('id').execute()).filter((c) => toBool(c.active)).map((c) => c.id);
    // A minute of dialing queued per campaign: the fill_hopper job keeps up between its ticks.
    const target = Math.max(50, Math.ceil((callsPerSecond * 60 * 1.5) / Math.max(1, campaigns.length)));
    await handle.db
      .updateTable('campaigns')
      // The whole day open (the soak runs at any hour), and a short retry delay so leads that
      // were dialed come back within the run.
      .set({ call_window_start: '00:00', call_window_end: '24:00', retry_delay_minutes: 2, hopper_target: target })
      .execute();
    for (const job of JOB_NAMES) {
      await writeSetting(handle, job, schedules === 'every-minute' ? { schedule: SOAK_SCHEDULE, enabled: true } : { enabled: true }, new Date(), 'soak');
    }
    const lists = (await handle.db.selectFrom('lead_lists').select(['id', 'active']).orderBy('id').execute()).filter((l) => toBool(l.active)).map((l) => l.id);
    return { campaigns, lists, leads };
  } finally {
    await handle.close();
  }
}
