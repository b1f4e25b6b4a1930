import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem } from '../access/passwords.ts';
import { runCli } from './context.ts';

/**
 * `pnpm admin:create --login NAME --name 显示名 [--region CODE]`, password from the environment
 * variable ANJU_ADMIN_PASSWORD (never a command-line argument: those end up in shell history
 * and the process list). Makes the first admin of a production install.
 */
const usage = 'usage: ANJU_ADMIN_PASSWORD=… pnpm admin:create --login NAME --name NAME [--region REGION_CODE]';

let args: { login?: string; name?: string; region?: string };
try {
  args = parseArgs({
    options: { login: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' } },
  }).values;
} catch (error) {
  console.error(`anju: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const password = process.env.ANJU_ADMIN_PASSWORD ?? '';
const { login, name, region } = args;
if (!login || !/^[A-Za-z][A-Za-z0-9._-]{2,49}$/.test(login) || !name?.trim()) {
  console.error(
    `anju: --login (3–50 letters, digits, . _ -, starting with a letter) and --name are required\n${usage}`,
  );
  process.exit(2);
}
const problem = password ? passwordProblem(password, [login, name])?.message : 'is missing (set ANJU_ADMIN_PASSWORD)';
if (problem) {
  console.error(`anju: the password ${problem}`);
  process.exit(2);
}

await runCli(async ({ db }) => {
  const taken = await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
  if (taken) {
    console.error(`anju: an account with the login ${login} already exists`);
    return 1;
  }
  const regionRow = region
    ? await db.selectFrom('regions').select(['id', 'name']).where('code', '=', region).executeTakeFirst()
    : undefined;
  if (region && !regionRow) {
    console.error(`anju: no region with the code ${region}`);
    return 1;
  }
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('users')
      .values({
        login,
        phone: null,
        name: name.trim(),
        role: 'admin',
        passwordHash: await hashPassword(password),
        regionId: regionRow?.id ?? null,
        department: null,
        setupCodeHash: null,
        setupCodeExpiresAt: null,
        createdBy: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('auditLog')
      .values({
        userId: null,
        role: null,
        regionPath: null,
        action: 'user.create',
        resourceType: 'user',
        resourceId: id,
        fields: null,
        outcome: 'ok',
        ip: null,
        requestId: null,
        detail: JSON.stringify({ role: 'admin', via: 'cli' }),
      })
      .execute();
  });
  console.log(`created admin ${login}${regionRow ? ` for ${regionRow.name}` : ''}`);
  return 0;
});
