// Input schemas of the lead and status-word channels (issue 17).
import { z } from 'zod';
import { Id, NewCallbackSchema, StatusWord } from './schemas';

const Reason = z.string().trim().min(1, 'A reason is required.').max(500);

export const LeadSearchSchema = z
  .object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).optional(), beforeId: Id.optional() })
  .strict();
export const LeadIdSchema = z.object({ leadId: Id }).strict();
export const SetLeadStatusSchema = z.object({ leadId: Id, status: StatusWord, reason: Reason, overrideFinal: z.boolean().optional() }).strict();
export const LeadActionSchema = z.object({ leadId: Id, reason: Reason }).strict();
/** The callbacks/add fields, for this lead, with the reason the audit keeps. */
export const LeadCallbackSchema = NewCallbackSchema.extend({ reason: Reason }).strict();
export const MapStatusSchema = z
  .object({ from: z.string().trim().min(1).max(64), to: StatusWord, listId: Id.optional(), saveAlias: z.boolean().optional(), dryRun: z.boolean().optional() })
  .strict();
export const AliasWordSchema = z.object({ word: z.string().trim().min(1).max(64) }).strict();
