// Changing how a campaign dials (domain.md, second part): settings, recycle rules and a list's
// `active`. Each change is checked field by field first (nothing is written when one field is
// wrong), then written in one transaction with one `campaign_changes` row per changed field, and
// the hopper rows it made ineligible are removed in that same transaction and reported.
import { checkCampaignPatch, checkRecycleRule, checkWindow, problemsText } from '../../../shared/campaign/validate-settings';
import type { CampaignChange, CampaignChangePreview, CampaignChangeResult, CampaignDetail, CampaignField, CampaignPatch, FieldProblem } from '../../../shared/types/campaign';
import { ConsoleError, InputError, notFound } from '../../../shared/errors';
import { writeTransaction, type Db } from '../../db/dialect';
import type { DbHandle } from '../../db/open-database';
import { ensurePhoneKeys } from '../../db/query/phone-keys';
import type { Clock } from '../../db/time';
import { loadCampaignContext } from '../hopper/campaign-context';
import { removeIneligibleRows } from '../hopper/hopper-cleanup';
import { explainCampaign } from '../hopper/hopper-explain';
import { columnValue, insertChanges, readCampaignDetail, readChanges, settingText, type ChangeRow } from './campaign-repository';

/** Who made a change: the workstation user in the console, `cli` from the command line. */
export type ChangedBy = string;

function refuse(problems: readonly FieldProblem[]): never {
  throw new InputError(problemsText(problems));
}

/** Thrown to roll a preview's transaction back, carrying its result out. */
class PreviewRollback extends Error {
  constructor(readonly preview: CampaignChangePreview) {
    super('preview');
  }
}

export class CampaignSettingsService {
  constructor(
    readonly handle: DbHandle,
    readonly clock: Clock,
  ) {}

  show(campaignId: number): Promise<CampaignDetail> {
    return readCampaignDetail(this.handle.db, campaignId);
  }

  history(campaignId: number, limit = 200): Promise<CampaignChange[]> {
    return readChanges(this.handle.db, campaignId, limit);
  }

  /** Saves the changed settings; fields equal to the stored value write nothing. */
  async update(campaignId: number, input: Record<string, unknown>, changedBy: ChangedBy): Promise<CampaignChangeResult> {
    const patch = this.checked(input);
    return this.write(campaignId, changedBy, (trx) => this.applyPatch(trx, campaignId, patch));
  }

  /** The eligible-now figure before and after the change, by explain, without saving it. */
  async preview(campaignId: number, input: Record<string, unknown>): Promise<CampaignChangePreview> {
    const patch = this.checked(input);
    const { db, dialect } = this.handle;
    if (!this.handle.target.readOnly) await ensurePhoneKeys(db, dialect);
    const now = this.clock();
    try {
      await writeTransaction(db, dialect, async (trx) => {
        const eligible = async () => (await explainCampaign(trx, await loadCampaignContext(trx, dialect, campaignId, now))).eligible_now;
        const before = await eligible();
        await this.applyPatch(trx, campaignId, patch);
        const after = await eligible();
        const removed = await removeIneligibleRows(trx, dialect, campaignId, now, true);
        throw new PreviewRollback({ eligible_before: before, eligible_after: after, hopper_rows_removed: removed.removed });
      });
    } catch (error) {
      if (error instanceof PreviewRollback) return error.preview;
      throw error;
    }
    throw new ConsoleError('internal', 'The preview did not finish.');
  }

  async setRecycleRule(campaignId: number, rule: { status: unknown; delay_minutes: unknown; max_attempts: unknown }, changedBy: ChangedBy): Promise<CampaignChangeResult> {
    const problems = checkRecycleRule(rule);
    if (problems.length > 0) refuse(problems);
    const status = rule.status as string;
    const next = { delay_minutes: rule.delay_minutes as number, max_attempts: rule.max_attempts as number };
    return this.write(campaignId, changedBy, async (trx) => {
      await readCampaignDetail(trx, campaignId);
      const old = await trx.selectFrom('campaign_recycle_rules').select(['delay_minutes', 'max_attempts']).where('campaign_id', '=', campaignId).where('status', '=', status).executeTakeFirst();
      if (old && old.delay_minutes === next.delay_minutes && old.max_attempts === next.max_attempts) return [];
      if (old) await trx.updateTable('campaign_recycle_rules').set(next).where('campaign_id', '=', campaignId).where('status', '=', status).execute();
      else await trx.insertInto('campaign_recycle_rules').values({ campaign_id: campaignId, status, ...next }).execute();
      return [{ campaign_id: campaignId, field: `recycle_rule.${status}`, old_value: old ? ruleText(old) : null, new_value: ruleText(next) }];
    });
  }

  async removeRecycleRule(campaignId: number, status: string, changedBy: ChangedBy): Promise<CampaignChangeResult> {
    return this.write(campaignId, changedBy, async (trx) => {
      await readCampaignDetail(trx, campaignId);
      const old = await trx.selectFrom('campaign_recycle_rules').select(['delay_minutes', 'max_attempts']).where('campaign_id', '=', campaignId).where('status', '=', status).executeTakeFirst();
      if (!old) throw notFound(`A recycle rule for ${JSON.stringify(status)} in campaign ${campaignId}`);
      await trx.deleteFrom('campaign_recycle_rules').where('campaign_id', '=', campaignId).where('status', '=', status).execute();
      return [{ campaign_id: campaignId, field: `recycle_rule.${status}`, old_value: ruleText(old), new_value: null }];
    });
  }

  async setListActive(listId: number, active: boolean, changedBy: ChangedBy): Promise<CampaignChangeResult> {
    if (typeof active !== 'boolean') refuse([{ field: 'active', message: 'must be true or false' }]);
    const list = await this.handle.db.selectFrom('lead_lists').select(['id', 'campaign_id', 'active']).where('id', '=', listId).executeTakeFirst();
    if (!list) throw notFound(`List ${listId}`);
    return this.write(list.campaign_id, changedBy, async (trx) => {
      const row = await trx.updateTable('lead_lists').set({ active: this.handle.dialect.bool(active) }).where('id', '=', listId).returning('active').executeTakeFirstOrThrow();
      const was = list.active === true || list.active === 1;
      return was === active ? [] : [{ campaign_id: list.campaign_id, field: `list.${listId}.active`, old_value: String(was), new_value: String(row.active === true || row.active === 1) }];
    });
  }

  private checked(input: Record<string, unknown>): CampaignPatch {
    const { patch, problems } = checkCampaignPatch(input);
    if (problems.length > 0) refuse(problems);
    if (Object.keys(patch).length === 0) throw new InputError('Give at least one setting to change.');
    return patch;
  }

  /** One transaction: the writes `change` makes, their history rows, and the hopper rows they made ineligible. */
  private async write(campaignId: number, changedBy: ChangedBy, change: (trx: Db) => Promise<ChangeRow[]>): Promise<CampaignChangeResult> {
    const { db, dialect } = this.handle;
    await ensurePhoneKeys(db, dialect);
    const now = this.clock();
    return writeTransaction(db, dialect, async (trx) => {
      const rows = await change(trx);
      const changes = await insertChanges(trx, rows, now.toISOString(), changedBy);
      const hopper_removed = rows.length === 0 ? { removed: 0, by_reason: {} } : await removeIneligibleRows(trx, dialect, campaignId, now);
      return { changes, hopper_removed, detail: await readCampaignDetail(trx, campaignId) };
    });
  }

  /** Writes the fields that differ from the stored ones, after the checks that need the stored row. */
  private async applyPatch(trx: Db, campaignId: number, patch: CampaignPatch): Promise<ChangeRow[]> {
    const { settings } = await readCampaignDetail(trx, campaignId);
    const merged = { ...settings, ...patch };
    const problems: FieldProblem[] = [];
    const window = checkWindow(merged.call_window_start, merged.call_window_end);
    if (window) problems.push(window);
    if (patch.name !== undefined && patch.name !== settings.name) {
      const taken = await trx.selectFrom('campaigns').select('id').where('name', '=', patch.name).where('id', '<>', campaignId).executeTakeFirst();
      if (taken) problems.push({ field: 'name', message: `another campaign (${taken.id}) is called ${JSON.stringify(patch.name)}` });
    }
    if (problems.length > 0) refuse(problems);
    const changed = (Object.keys(patch) as CampaignField[]).filter((f) => settingText(patch[f]) !== settingText(settings[f]));
    if (changed.length === 0) return [];
    const set = Object.fromEntries(changed.map((f) => [f, columnValue(f, patch[f], this.handle.dialect.bool)]));
    await trx.updateTable('campaigns').set(set).where('id', '=', campaignId).execute();
    return changed.map((f) => ({ campaign_id: campaignId, field: f, old_value: settingText(settings[f]), new_value: settingText(patch[f]) }));
  }
}

function ruleText(r: { delay_minutes: number; max_attempts: number }): string {
  return `delay ${r.delay_minutes} min, max ${r.max_attempts} attempts`;
}
