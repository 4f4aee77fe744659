// The figures the CLI's help shows without loading their modules (main/cli/figures.ts) are the
// figures those modules use.
import { describe, expect, it } from 'vitest';
import { CLI_FIGURES } from '../../main/cli/figures';
import { POSTGRES, SQLITE } from '../../main/db/dialect';
import { DEFAULT_SYNC_BATCH } from '../../main/services/calls/call-applier';
import { MAX_SEARCH_LIMIT } from '../../main/services/lead-lookup/lead-search';

describe('the figures in the CLI help', () => {
  it('equal their sources', () => {
    expect(CLI_FIGURES).toEqual({
      syncBatch: DEFAULT_SYNC_BATCH,
      searchLimit: MAX_SEARCH_LIMIT,
      fixRangeSqlite: SQLITE.fixRanges.size,
      fixRangePostgres: POSTGRES.fixRanges.size,
    });
  });
});
