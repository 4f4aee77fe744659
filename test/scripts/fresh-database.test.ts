// The fresh-database factory finds a database it did not make by its name (the bench's kept bases,
// bench/run.ts `keptBase`), on both kinds; an unknown or dropped name is none.
import { afterAll, expect, inject, it } from 'vitest';
import { postgresDatabases, sqliteDatabases, type FreshDatabases } from '../../scripts/fresh-database';
import { describeEachDialect } from '../support/databases';
import { makeTempDir } from '../support/temp-dir';

const made: FreshDatabases[] = [];
afterAll(async () => {
  for (const f of made) await f.dropAll();
});

describeEachDialect('a database found by its name', ({ dialect }) => {
  it('finds one another factory made, and none once it is dropped', async () => {
    const dir = dialect === 'sqlite' ? makeTempDir('fresh-db-') : '';
    const open = () => (dialect === 'sqlite' ? sqliteDatabases({ dir }) : postgresDatabases(inject('pgAdminUrl'), { prefix: 't_' }));
    const maker = open();
    made.push(maker);
    const name = `kept_${dialect}_${process.pid}`;
    expect(await open().existing(name)).toBeNull();
    const target = await maker.fresh(name);
    expect(await open().existing(name)).toEqual(target);
    await maker.drop(target);
    expect(await open().existing(name)).toBeNull();
  });
});
