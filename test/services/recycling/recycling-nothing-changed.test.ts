// Issue 21, item 4: a recycle that changes nothing (only dnc leads chosen: all skipped) records
// no operation, so there is no empty "undoable" operation to undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/db/time';
import { RecyclingService } from '../../../main/services/recycling/recycling-service';
import { describeEachDialect } from '../../support/databases';
import { at, makeCampaign, makeLead, makeList } from '../../support/fixtures';

describeEachDialect('a recycle that changes nothing', ({ h }) => {

  it('records no operation and leaves nothing to undo', async () => {
    const listId = await makeList(h, await makeCampaign(h));
    for (let i = 0; i < 3; i++) await makeLead(h, listId, { status: 'dnc', dial_attempts: 1 });
    const svc = new RecyclingService(h, fixedClock(at(20)));
    const result = await svc.recycle({ listId, statuses: ['dnc'], targetStatus: 'new', resetDialCount: false });
    expect(result).toEqual({ operation_id: '', kind: 'recycle', changed: 0, list_id: listId });
    expect(await h.db.selectFrom('operations').selectAll().execute()).toEqual([]);
    expect(await svc.lastUndoable(listId)).toBeNull();
  });
}, { reset: 'never' });
