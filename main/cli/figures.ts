// Figures of the services and the database layer that the CLI shows in its help (and checks a flag
// against), written out here: importing them from their modules would load those modules, and
// all they import, for `lead-console --help` too (scripts/build-cli.mjs keeps them behind the
// commands' dynamic imports). test/cli/cli-figures.test.ts holds each equal to its source.
export const CLI_FIGURES = {
  /** DEFAULT_SYNC_BATCH, main/services/calls/call-applier.ts */
  syncBatch: 1000,
  /** MAX_SEARCH_LIMIT, main/services/lead-lookup/lead-search.ts */
  searchLimit: 200,
  /** SQLITE.fixRanges.size and POSTGRES.fixRanges.size, main/db/dialect.ts */
  fixRangeSqlite: 20000,
  fixRangePostgres: 2500,
} as const;
