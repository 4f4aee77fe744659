// Leads in and out (domain.md "Loading and exporting leads"): what an import reports, what the
// DNC list shows. Shared by the services, the CLI, the IPC contract and the renderer.

/** Where an imported phone may not exist already. `none` imports every valid row. */
export const DEDUPE_SCOPES = ['list', 'campaign', 'all', 'none'] as const;
export type DedupeScope = (typeof DEDUPE_SCOPES)[number];

/** Every row's one outcome, in the order they are decided. */
export const SKIP_OUTCOMES = ['missing_phone', 'invalid_phone', 'invalid_timezone', 'dnc', 'duplicate'] as const;
export type SkipOutcome = (typeof SKIP_OUTCOMES)[number];
export type RowOutcome = SkipOutcome | 'imported';

/** How many first row numbers of each outcome a report keeps. */
export const FIRST_ROWS = 20;

export type CsvDelimiter = ',' | ';' | '\t';

/** The file's header, as read, and the lead column each one feeds (null: ignored). */
export interface HeaderMapping {
  header: string;
  column: 'phone' | 'first_name' | 'last_name' | 'timezone' | null;
}

export interface ImportReport {
  list_id: number;
  dedupe: DedupeScope;
  dry_run: boolean;
  delimiter: CsvDelimiter;
  /** Data rows read (blank lines are not rows). */
  rows: number;
  imported: number;
  outcomes: Record<SkipOutcome, number>;
  /** Each outcome's first FIRST_ROWS data-row numbers (the first row after the header is 1). */
  first_rows: Record<RowOutcome, number[]>;
  ignored_columns: string[];
  /** Null for a dry run. */
  operation_id: string | null;
}

/** What the Import screen shows before anything is imported. */
export interface ImportPreview {
  delimiter: CsvDelimiter;
  bom: boolean;
  mapping: HeaderMapping[];
  ignored_columns: string[];
  /** The first rows, as cells under the file's headers. */
  sample: string[][];
  size_bytes: number;
}

export interface DncEntry {
  phone: string;
  added_at: string;
}

export interface DncChange {
  id: number;
  phone: string;
  action: 'add' | 'remove';
  reason: string | null;
  changed_at: string;
  changed_by: string;
}

export interface DncCheck {
  phone: string;
  normalised: string;
  listed: boolean;
  /** The stored spellings that normalise the same. */
  matches: DncEntry[];
}

export interface DncImportReport {
  rows: number;
  added: number;
  already_listed: number;
  /** Repeated inside the file. */
  duplicates: number;
  invalid: number;
  first_invalid_rows: number[];
  hopper_rows_removed: number;
}
