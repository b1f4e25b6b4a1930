import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets that a development or demo install generates once and keeps under DATA_DIR,
 * so restarts keep sessions, encrypted ID numbers and the Meilisearch key readable.
 * Production passes them through the environment instead.
 */
export interface LocalSecrets {
  meiliMasterKey: string;
  sessionSecret: string;
  dataEncryptionKey: string;
  postgresPassword: string;
  /** The embedded PostgreSQL's app role `anju_app`, which the API's pool connects as. */
  postgresAppPassword: string;
}

export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const existing = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Partial<LocalSecrets>,
    () => ({}) as Partial<LocalSecrets>,
  );
  const secrets: LocalSecrets = {
    meiliMasterKey: existing.meiliMasterKey ?? randomBytes(24).toString('base64url'),
    sessionSecret: existing.sessionSecret ?? randomBytes(32).toString('base64url'),
    dataEncryptionKey: existing.dataEncryptionKey ?? randomBytes(32).toString('base64'),
    postgresPassword: existing.postgresPassword ?? randomBytes(18).toString('base64url'),
    postgresAppPassword: existing.postgresAppPassword ?? randomBytes(18).toString('base64url'),
  };
  if (JSON.stringify(existing) !== JSON.stringify(secrets)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
