// Migrations are imported statically: scanning a folder at run time breaks inside a packaged app.
// Names sort in order; never rename or edit one that has shipped, add the next number instead.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-jobs';
import * as m0003 from './0003-hopper-indexes';
import * as m0004 from './0004-operation-lead-tracking';
import * as m0005 from './0005-call-logs-by-lead-covering';
import * as m0006 from './0006-audit-write-indexes';
import * as m0007 from './0007-lead-lookup';
import * as m0008 from './0008-dnc-changes';
import * as m0009 from './0009-campaign-rules';
import * as m0010 from './0010-report-indexes';
import * as m0011 from './0011-lead-order-indexes';
import * as m0012 from './0012-phone-key-triggers';
import * as m0013 from './0013-list-counts-index';
import * as m0016 from './0016-leads-by-list';
import * as m0017 from './0017-index-statistics';

export interface AppMigration {
  name: string;
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export const MIGRATIONS: readonly AppMigration[] = [
  { name: '0001-initial', up: m0001.up },
  { name: '0002-jobs', up: m0002.up },
  { name: '0003-hopper-indexes', up: m0003.up },
  { name: '0004-operation-lead-tracking', up: m0004.up },
  { name: '0005-call-logs-by-lead-covering', up: m0005.up },
  { name: '0006-audit-write-indexes', up: m0006.up },
  { name: '0007-lead-lookup', up: m0007.up },
  { name: '0008-dnc-changes', up: m0008.up },
  { name: '0009-campaign-rules', up: m0009.up },
  { name: '0010-report-indexes', up: m0010.up },
  { name: '0011-lead-order-indexes', up: m0011.up },
  { name: '0012-phone-key-triggers', up: m0012.up },
  { name: '0013-list-counts-index', up: m0013.up },
  // 0014-0015: numbers given to branches that in the end needed no migration of their own.
  { name: '0016-leads-by-list', up: m0016.up },
  { name: '0017-index-statistics', up: m0017.up },
];
