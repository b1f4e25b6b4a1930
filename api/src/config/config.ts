import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Everything Anju reads from the environment, parsed once at start-up. */
const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

/** `10.0.0.1`, `10.0.0.0/8`, `fd00::/8`: an address, or a network with its prefix length. */
function isAddressOrNetwork(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const addressList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.every(isAddressOrNetwork), 'must be a comma-separated list of IP addresses or CIDRs');

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./.data'),
    ANJU_SYSTEM_DIR: z.string().min(1).default('/var/lib/anju'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .optional()
      .describe('postgres://user:password@host:port/database'),
    DATABASE_APP_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .optional()
      .describe('postgres://anju_app:password@host:port/database'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
    MEILI_MASTER_KEY: z.string().min(16).optional(),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[a-z0-9_]*$/)
      .default(''),
    SESSION_SECRET: z.string().min(32).optional(),
    DATA_ENCRYPTION_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')
      .optional(),
    ANJU_DEMO: booleanFlag.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    ANJU_SCHEDULER: booleanFlag.optional(),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
    TRUSTED_PROXIES: addressList.optional(),
    ANJU_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
    ANJU_SMS_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILI_MASTER_KEY'],
        message: 'is required when MEILI_URL is set',
      });
    }
    if (env.ANJU_SMS_URL && !env.ANJU_SMS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ANJU_SMS_KEY'], message: 'is required when ANJU_SMS_URL is set' });
    }
    if (env.DATABASE_APP_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_APP_URL'],
        message: 'needs DATABASE_URL (the owner, for migrations) beside it',
      });
    }
    if (env.NODE_ENV === 'production') {
      for (const key of ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
      }
    }
  });

export type Env = z.infer<typeof configSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  /**
   * As root only: where the embedded PostgreSQL's programs and cluster go when the `postgres`
   * system user cannot reach the checkout or DATA_DIR (a 0700 home or mktemp folder).
   */
  systemDir?: string;
  /** The owner's connection: migrations, seeders. */
  databaseUrl?: string;
  /** The API's connection, as the app role `anju_app`; DATABASE_URL when unset. */
  databaseAppUrl?: string;
  databasePoolSize: number;
  meiliUrl?: string;
  meiliMasterKey?: string;
  meiliIndexPrefix: string;
  sessionSecret?: string;
  dataEncryptionKey?: string;
  /** Demo mode seeds demo accounts and data on an empty database; never in production. */
  demo: boolean;
  logLevel: Env['LOG_LEVEL'];
  requestTimeoutMs: number;
  /** Run scheduled jobs in this process (api/src/jobs/); off in tests unless a test asks. */
  scheduler?: boolean;
  /** Base backups and the WAL archive of the embedded PostgreSQL (default DATA_DIR/backups). */
  backupDir?: string;
  /** How many base backups to keep (older ones and the WAL before them are removed). */
  backupKeep?: number;
  /**
   * Reverse proxies (addresses or CIDRs) whose `X-Forwarded-For` / `X-Forwarded-Host` are
   * believed; from anyone else those headers are ignored. Default none.
   */
  trustedProxies: string[];
  /** The SMS gateway (短信) the notification worker posts to; without it texts are only recorded. */
  smsUrl?: string;
  smsKey?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

export function parseConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    );
  }
  const env = result.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    systemDir: path.resolve(env.ANJU_SYSTEM_DIR),
    databaseUrl: env.DATABASE_URL,
    databaseAppUrl: env.DATABASE_APP_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    meiliUrl: env.MEILI_URL,
    meiliMasterKey: env.MEILI_MASTER_KEY,
    meiliIndexPrefix: env.MEILI_INDEX_PREFIX,
    sessionSecret: env.SESSION_SECRET,
    dataEncryptionKey: env.DATA_ENCRYPTION_KEY,
    demo: env.NODE_ENV === 'production' ? false : (env.ANJU_DEMO ?? true),
    logLevel: env.LOG_LEVEL,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    scheduler: env.ANJU_SCHEDULER ?? env.NODE_ENV !== 'test',
    backupDir: env.BACKUP_DIR && path.resolve(env.BACKUP_DIR),
    backupKeep: env.BACKUP_KEEP,
    trustedProxies: env.TRUSTED_PROXIES ?? [],
    smsUrl: env.ANJU_SMS_URL,
    smsKey: env.ANJU_SMS_KEY,
  };
}
