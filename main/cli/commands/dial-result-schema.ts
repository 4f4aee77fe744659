// One dial result as `lead-console record-call` reads it from a line of stdin.
import { z } from 'zod';

const IsoTime = z.iso.datetime({ offset: true });
export const DialResultSchema = z
  .object({
    call_uuid: z.string().trim().min(1).max(200),
    lead_id: z.number().int().positive().max(2_147_483_647),
    campaign_id: z.number().int().positive().max(2_147_483_647).nullish(),
    started_at: IsoTime,
    ended_at: IsoTime.nullish(),
    duration_seconds: z.number().int().min(0).max(86_400 * 7).nullish(),
    result: z.string().max(100).nullish(),
    hangup_cause: z.union([z.string().max(100), z.number().int().min(0).max(999)]).nullish(),
    agent: z.string().max(200).nullish(),
  })
  .strict();
