import type { Search } from '../../../search/src/client.ts';
import type { Actor } from '../access/actor.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../jobs/scheduler.ts';

/** What every route needs, passed in once so tests can build an app on their own database. */
export interface AppDeps {
  config: Config;
  db: Db;
  search: Search;
  logger: Logger;
  /** Scheduled jobs, when this process runs them (not in tests unless a test starts them). */
  jobs?: JobQueue;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The signed-in account; absent for anonymous requests. */
    actor?: Actor;
    /** The client's address: the socket peer, or what a trusted proxy forwarded (`client-ip.ts`). */
    clientIp?: string | null;
    /** The request came through a proxy listed in `TRUSTED_PROXIES`, so its X-Forwarded-* count. */
    viaTrustedProxy?: boolean;
  };
}
