// The fixed, ordered list of migrations. Append only; never edit a migration after it lands.
import type { Kysely } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-clients.ts';
import * as m0003 from './0003-notes.ts';
import * as m0004 from './0004-releases.ts';
import * as m0005 from './0005-release-legality.ts';
import * as m0006 from './0006-append-only.ts';
import * as m0007 from './0007-one-schema.ts';
import * as m0008 from './0008-note-search-scope.ts';
import * as m0009 from './0009-note-search-terms.ts';
import * as m0010 from './0010-audit-by-record.ts';
import * as m0011 from './0011-amendments.ts';
import * as m0012 from './0012-restrictions.ts';
import * as m0013 from './0013-communications-and-deadlines.ts';
import * as m0014 from './0014-denial-review-and-suspension.ts';
import * as m0015 from './0015-retention.ts';
import * as m0016 from './0016-diagnoses.ts';
import * as m0017 from './0017-treatment-plans.ts';
import * as m0018 from './0018-note-links.ts';
import * as m0019 from './0019-note-templates.ts';
import * as m0020 from './0020-release-item-kinds.ts';
import * as m0021 from './0021-emergency-access.ts';
import * as m0022 from './0022-cover.ts';
import * as m0023 from './0023-second-factor.ts';
import * as m0024 from './0024-staff-lifecycle.ts';
import * as m0025 from './0025-note-search-impacts.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-initial', up: m0001.up },
  { version: 2, name: '0002-clients', up: m0002.up },
  { version: 3, name: '0003-notes', up: m0003.up },
  { version: 4, name: '0004-releases', up: m0004.up },
  { version: 5, name: '0005-release-legality', up: m0005.up },
  { version: 6, name: '0006-append-only', up: m0006.up },
  { version: 7, name: '0007-one-schema', up: m0007.up },
  { version: 8, name: '0008-note-search-scope', up: m0008.up },
  { version: 9, name: '0009-note-search-terms', up: m0009.up },
  { version: 10, name: '0010-audit-by-record', up: m0010.up },
  { version: 11, name: '0011-amendments', up: m0011.up },
  { version: 12, name: '0012-restrictions', up: m0012.up },
  { version: 13, name: '0013-communications-and-deadlines', up: m0013.up },
  { version: 14, name: '0014-denial-review-and-suspension', up: m0014.up },
  { version: 15, name: '0015-retention', up: m0015.up },
  { version: 16, name: '0016-diagnoses', up: m0016.up },
  { version: 17, name: '0017-treatment-plans', up: m0017.up },
  { version: 18, name: '0018-note-links', up: m0018.up },
  { version: 19, name: '0019-note-templates', up: m0019.up },
  { version: 20, name: '0020-release-item-kinds', up: m0020.up },
  { version: 21, name: '0021-emergency-access', up: m0021.up },
  { version: 22, name: '0022-cover', up: m0022.up },
  { version: 23, name: '0023-second-factor', up: m0023.up },
  { version: 24, name: '0024-staff-lifecycle', up: m0024.up },
  { version: 25, name: '0025-note-search-impacts', up: m0025.up },
];

export const LATEST_SCHEMA_VERSION = migrations.length;
