// The one IPC contract (docs/architecture.md "One contract for IPC"). Main registers exactly these
// channels, preload exposes exactly these functions, the web adapter serves exactly these
// routes, and the renderer's client is typed from them. Channel names read `domain/verb-noun`.
import { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { AuditRow } from '../types/audit';
import type { CallbackRow } from '../types/callbacks';
import type { CampaignChange, CampaignChangePreview, CampaignChangeResult, CampaignDetail } from '../types/campaign';
import type { CleanupResult, FillResult, HopperExplain, HopperStats } from '../types/hopper';
import type { JobInfo, JobName, JobRun } from '../types/jobs';
import type { OperationResult, RecyclePreview, UndoableOperation } from '../types/recycling';
import type { CampaignSummary, FixReport, ListBreakdown, ListProblemReport, ReconcilePreview } from '../types/status';
import {
  AuditFilterSchema,
  CallbackFilterSchema,
  CampaignPatchSchema,
  CronExpression,
  FilePath,
  IsoTime,
  JobHistorySchema,
  NewCallbackSchema,
  RecycleRuleSchema,
  StatusWord,
  Id,
  JobNameSchema,
  PostgresConnectionSchema,
  ProgressId,
  RecycleRequestSchema,
  RequestId,
  RequestIdValue,
} from './schemas';
import { IO_CHANNELS, type IoChannelOutputs } from './io-channels';
import { AliasWordSchema, LeadActionSchema, LeadCallbackSchema, LeadIdSchema, LeadSearchSchema, MapStatusSchema, SetLeadStatusSchema } from './lead-schemas';
import { REPORT_CHANNELS, type ReportChannelOutputs, type ReportPushEvents } from './report-channels';
import type { LeadSearchResult, LeadStory, ManualActionResult, MapStatusResult, StatusAlias } from '../types/leads';

const none = z.object({}).strict();

export const CHANNELS = {
  'app/get-info': none,
  'database/test-postgres': PostgresConnectionSchema,
  'database/connect-postgres': PostgresConnectionSchema,
  // Electron: no file (the main process shows its own dialog). Browser mode: a file inside the
  // folder `serve --database-folder` allows. confirmForeign: "create the console's tables in
  // this file that holds another application's tables".
  'database/open-sqlite': z.object({ file: FilePath.optional(), confirmForeign: z.boolean().optional() }).strict(),
  'database/create-sqlite': z.object({ file: FilePath.optional() }).strict(),
  // The demo database in the console's data folder, created and seeded when missing.
  'database/open-demo': none,
  'campaigns/list': none,
  'recycling/breakdown': z.object({ listId: Id }).strict(),
  'recycling/preview': RecycleRequestSchema,
  'recycling/recycle': RecycleRequestSchema,
  // recount: count again now rather than answer from the list's cached counts.
  'leads/problem-report': z.object({ listId: Id, recount: z.boolean().optional(), progressId: ProgressId, requestId: RequestId }).strict(),
  'leads/fix-problematic': z.object({ listId: Id, dryRun: z.boolean(), progressId: ProgressId, requestId: RequestId }).strict(),
  'operations/last-undoable': z.object({ listId: Id }).strict(),
  'operations/undo': z.object({ operationId: z.string().uuid(), progressId: ProgressId }).strict(),
  // eligible: false leaves eligible_now uncounted (null): the hopper screen takes explain's.
  'hopper/stats': z.object({ campaignId: Id, eligible: z.boolean().optional() }).strict(),
  // `now`: "what if it were…" — the same explain at another instant.
  'hopper/explain': z.object({ campaignId: Id, now: IsoTime.optional(), requestId: RequestId }).strict(),
  'hopper/fill': z.object({ campaignId: Id, target: z.number().int().min(1).max(100_000).optional() }).strict(),
  'hopper/cleanup': none,
  'jobs/list': none,
  'jobs/history': JobHistorySchema,
  'jobs/preview-reconcile': none,
  'jobs/run-now': z.object({ job: JobNameSchema }).strict(),
  'jobs/set': z
    .object({ job: JobNameSchema, enabled: z.boolean().optional(), schedule: CronExpression.optional() })
    .strict()
    .refine((v) => v.enabled !== undefined || v.schedule !== undefined, 'Give enabled or schedule.'),
  'audit/list': AuditFilterSchema,
  'audit/export-csv': AuditFilterSchema,
  ...IO_CHANNELS,
  'leads/search': LeadSearchSchema,
  'leads/story': LeadIdSchema,
  'leads/set-status': SetLeadStatusSchema,
  'leads/reset-attempts': LeadActionSchema,
  'leads/add-phone-to-dnc': LeadActionSchema,
  'leads/schedule-callback': LeadCallbackSchema,
  'statuses/map': MapStatusSchema,
  'statuses/aliases': none,
  'statuses/remove-alias': AliasWordSchema,
  'campaigns/settings': z.object({ campaignId: Id }).strict(),
  'campaigns/history': z.object({ campaignId: Id }).strict(),
  'campaigns/preview-change': z.object({ campaignId: Id, patch: CampaignPatchSchema }).strict(),
  'campaigns/update': z.object({ campaignId: Id, patch: CampaignPatchSchema }).strict(),
  'campaigns/set-recycle-rule': RecycleRuleSchema,
  'campaigns/remove-recycle-rule': z.object({ campaignId: Id, status: StatusWord }).strict(),
  'lists/set-active': z.object({ listId: Id, active: z.boolean() }).strict(),
  'callbacks/list': CallbackFilterSchema,
  'callbacks/add': NewCallbackSchema,
  'callbacks/cancel': z.object({ id: Id }).strict(),
  ...REPORT_CHANNELS,
  // Stops the long request named requestId (a report, dry run, fix or explain the caller left).
  'requests/cancel': z.object({ requestId: RequestIdValue }).strict(),
} as const satisfies Record<string, z.ZodType>;

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

export interface AppInfo {
  version: string;
  database: {
    kind: 'sqlite' | 'postgres';
    description: string;
    /** The connection in use has a password, which the settings form keeps when left empty. */
    has_password?: boolean;
  };
  /** False when started with `serve --no-jobs`: the jobs are shown, but this console runs none. */
  runs_jobs?: boolean;
  /** Browser mode or Electron. */
  shell: 'electron' | 'browser';
}

export interface ChannelOutputs extends IoChannelOutputs, ReportChannelOutputs {
  'app/get-info': AppInfo;
  'database/test-postgres': { ok: true; server_version: string };
  'database/connect-postgres': AppInfo;
  'database/open-sqlite': AppInfo;
  'database/create-sqlite': AppInfo;
  'database/open-demo': AppInfo;
  'campaigns/list': CampaignSummary[];
  'recycling/breakdown': ListBreakdown;
  'recycling/preview': RecyclePreview;
  'recycling/recycle': OperationResult;
  'leads/problem-report': ListProblemReport;
  'leads/fix-problematic': FixReport;
  'operations/last-undoable': UndoableOperation | null;
  'operations/undo': OperationResult;
  'hopper/stats': HopperStats;
  'hopper/explain': HopperExplain;
  'hopper/fill': FillResult;
  'hopper/cleanup': CleanupResult;
  'jobs/list': JobInfo[];
  'jobs/history': JobRun[];
  'jobs/run-now': JobRun;
  'jobs/preview-reconcile': ReconcilePreview;
  'jobs/set': JobInfo;
  'audit/list': AuditRow[];
  'audit/export-csv': { filename: string; csv: string };
  'leads/search': LeadSearchResult;
  'leads/story': LeadStory;
  'leads/set-status': ManualActionResult;
  'leads/reset-attempts': ManualActionResult;
  'leads/add-phone-to-dnc': ManualActionResult;
  'leads/schedule-callback': ManualActionResult;
  'statuses/map': MapStatusResult;
  'statuses/aliases': StatusAlias[];
  'statuses/remove-alias': StatusAlias;
  'campaigns/settings': CampaignDetail;
  'campaigns/history': CampaignChange[];
  'campaigns/preview-change': CampaignChangePreview;
  'campaigns/update': CampaignChangeResult;
  'campaigns/set-recycle-rule': CampaignChangeResult;
  'campaigns/remove-recycle-rule': CampaignChangeResult;
  'lists/set-active': CampaignChangeResult;
  'callbacks/list': CallbackRow[];
  'callbacks/add': CallbackRow;
  'callbacks/cancel': CallbackRow;
  /** `cancelled`: a running request was told to stop (false: none runs under that id, or not yet). */
  'requests/cancel': { cancelled: boolean };
}

export type InputOf<C extends Channel> = z.input<(typeof CHANNELS)[C]>;
export type ParsedInputOf<C extends Channel> = z.output<(typeof CHANNELS)[C]>;
export type OutputOf<C extends Channel> = ChannelOutputs[C];

/** Push events, main → renderer. */
export interface PushEvents extends ReportPushEvents {
  'operation/progress': { progressId: string; phase: string; done: number; total: number };
  'jobs/run-started': { job: JobName; run_id: number; started_at: string };
  'jobs/run-finished': JobRun;
  'database/status': { state: 'ok' | 'unavailable'; message: string };
}
export type PushEvent = keyof PushEvents;
export const PUSH_EVENT_NAMES = [
  'operation/progress',
  'jobs/run-started',
  'jobs/run-finished',
  'database/status',
  'reports/live-updated',
] as const satisfies readonly PushEvent[];

/** What crosses the boundary: a value or a plain error, never a raw exception. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** The API the renderer sees (preload in Electron, HTTP + SSE in browser mode). */
export type LeadConsoleApi = {
  [C in Channel]: (input: InputOf<C>) => Promise<IpcResult<OutputOf<C>>>;
} & {
  /** One named subscription per push event (no generic `on`); each returns its unsubscribe. */
  events: { [E in PushEvent]: (listener: (payload: PushEvents[E]) => void) => () => void };
};
