// Runtime schemas for what crosses the trust boundary. Small and strict: unknown keys, wrong
// types, huge strings and out-of-range numbers are refused before a handler runs.
import { z } from 'zod';
import { STATUSES } from '../catalogue/statuses';
import { AUDIT_SOURCES } from '../types/audit';
import { JOB_NAMES } from '../types/jobs';

export const Id = z.number().int().positive().max(2_147_483_647);
export const StatusWord = z.enum(STATUSES);
/** A stored status word as shown in a breakdown (any text, bounded), or null for NULL. */
export const StoredStatus = z.string().max(200).nullable();
export const ProgressId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional();
/** Names a long request so that `requests/cancel` can stop it (same form as a progress id). */
export const RequestIdValue = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const RequestId = RequestIdValue.optional();
const NO_CONTROL = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);
/** A SQLite file path: no NUL (cut by C APIs) or other control character (terminal escapes, log lines). */
export const FilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine(NO_CONTROL, 'a file path cannot contain control characters')
  .transform((v) => v.trim())
  .refine((v) => v.length > 0, 'give the path of a SQLite file');
export const JobNameSchema = z.enum(JOB_NAMES);
/** The run history, a page at a time: `before` is the last run of the page before. */
export const JobHistorySchema = z
  .object({
    job: JobNameSchema.optional(),
    outcome: z.enum(['running', 'ok', 'failed', 'skipped']).optional(),
    limit: z.number().int().min(1).max(1000).default(50),
    before: z.object({ started_at: z.string().max(40), id: Id }).strict().optional(),
  })
  .strict();
export const CronExpression = z.string().trim().min(1).max(120);
export const IsoTime = z.iso.datetime({ offset: true });

export const RecycleRequestSchema = z
  .object({
    listId: Id,
    statuses: z.array(StoredStatus).min(1).max(500),
    targetStatus: StatusWord.default('new'),
    resetDialCount: z.boolean().default(false),
    finalOverride: z.object({ reason: z.string().trim().min(3).max(500) }).strict().optional(),
    progressId: ProgressId,
  })
  .strict();

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
/** A host name or an IPv4/IPv6 address, nothing else: no port, path, parameters or socket folder. */
export const PgHost = z
  .string()
  .trim()
  .transform((v) => v.replace(/^\[(.*)\]$/, '$1'))
  .refine((v) => HOST_NAME.test(v) || z.ipv6().safeParse(v).success, 'host must be a host name or an IP address (no port, path or parameters)');
export const SSL_MODES = ['disable', 'require', 'verify-full'] as const;

export const PostgresConnectionSchema = z
  .object({
    host: PgHost,
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().trim().min(1).max(63).refine(NO_CONTROL, 'no control characters'),
    user: z.string().trim().min(1).max(63).refine(NO_CONTROL, 'no control characters'),
    /** Omitted: keep the stored one. */
    password: z.string().max(1000).optional(),
    /** disable, require (encrypted), verify-full (encrypted, certificate and host name checked). */
    sslMode: z.enum(SSL_MODES),
  })
  .strict();

export const AuditFilterSchema = z
  .object({
    listId: Id.optional(),
    source: z.enum(AUDIT_SOURCES).optional(),
    operationId: z.string().max(64).optional(),
    leadId: Id.optional(),
    /** Any spelling, or its last 4+ digits. */
    phone: z.string().trim().min(1).max(40).regex(/^[0-9+()\-.\s]*$/, 'a phone has digits, spaces and + ( ) - . only').optional(),
    /** Written at or after `from`, before `to`. */
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    limit: z.number().int().min(1).max(5000).default(200),
    beforeId: Id.optional(),
  })
  .strict();

/**
 * A campaign change as it crosses the boundary: known fields of the right JSON type only. Ranges
 * and words are the campaign service's field-by-field check (validate-settings.ts), whose
 * messages name the field.
 */
const Minutes = z.number().finite();
/** Text a person typed: no NUL (PostgreSQL text cannot hold it) or other control characters. */
const PlainText = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
export const CampaignPatchSchema = z
  .object({
    name: PlainText(200).optional(),
    active: z.boolean().optional(),
    retry_delay_minutes: Minutes.optional(),
    dropped_retry_delay_minutes: Minutes.optional(),
    max_dial_attempts: Minutes.optional(),
    hopper_target: Minutes.optional(),
    recyclable_statuses: z.array(z.string().max(40)).max(20).optional(),
    call_window_start: z.string().max(10).optional(),
    call_window_end: z.string().max(10).optional(),
    timezone: z.string().max(100).optional(),
    lead_order: z.string().max(40).optional(),
    new_every: Minutes.optional(),
    agent_callback_minutes: Minutes.optional(),
  })
  .strict();

export const RecycleRuleSchema = z
  .object({ campaignId: Id, status: z.string().max(40), delay_minutes: Minutes, max_attempts: Minutes })
  .strict();

export const CallbackFilterSchema = z
  .object({ campaignId: Id.optional(), due: z.boolean().optional(), agent: PlainText(100).trim().min(1).optional() })
  .strict();

export const NewCallbackSchema = z
  .object({ leadId: Id, dueAt: IsoTime, agent: PlainText(100).trim().min(1).optional(), note: z.string().max(1000).regex(/^[^\u0000]*$/, 'must not contain NUL').optional() })
  .strict();
