/**
 * `npm run user:create -- --role admin --username NAME [--name 显示名] [--phone P] [--area CODE] [--household CODE]`
 * Creates an account with one role, e.g. the first admin. The password comes from USER_PASSWORD or a
 * hidden prompt (asked twice); there is no default. Without --area an admin has no jurisdiction limit.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { GRANTABLE_ROLES, type GrantableRole } from '../server/auth/permissions.ts';
import { ANONYMOUS } from '../server/auth/principal.ts';
import { openDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { isAppError } from '../server/errors.ts';
import { parse } from '../server/http/validate.ts';
import { areaIdByCode } from '../server/users/users.repository.ts';
import { createUserBody } from '../server/users/users.schema.ts';
import { createUser } from '../server/users/users.service.ts';

const USAGE = 'usage: npm run user:create -- --role ROLE --username NAME [--name DISPLAY] [--phone P] [--area CODE] [--household CODE]';
const { values } = parseArgs({
  options: { role: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, area: { type: 'string' }, household: { type: 'string' } },
});

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(1);
}

/** Reads a line without echoing it (TTY only). */
function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail('no terminal to ask for the password: set USER_PASSWORD');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  out._writeToOutput = (s: string) => {
    if (!asked) process.stdout.write(s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

if (!values.role || !GRANTABLE_ROLES.includes(values.role as GrantableRole)) fail(`--role must be one of ${GRANTABLE_ROLES.join(', ')}\n${USAGE}`);
if (!values.username) fail(`--username is required\n${USAGE}`);

let password = process.env.USER_PASSWORD ?? '';
if (!password) {
  password = await askHidden(`password for ${values.username}: `);
  if ((await askHidden('again: ')) !== password) fail('the two passwords differ');
}

const database = await openDatabase(loadConfig());
try {
  const areaId = values.area ? ((await areaIdByCode(database.db, values.area)) ?? fail(`no area with code ${values.area}`)) : undefined;
  const householdId = values.household
    ? ((await database.db.selectFrom('households').select('id').where('code', '=', values.household).executeTakeFirst())?.id ?? fail(`no household with code ${values.household}`))
    : undefined;
  const input = parse(createUserBody, { username: values.username, displayName: values.name ?? values.username, phone: values.phone, password, grants: [{ role: values.role, areaId, householdId }] }, 'argument');
  const actor = { principal: ANONYMOUS, origin: { ip: 'local', userAgent: `cli: user:create by ${process.env.USER ?? 'unknown'}` }, at: new Date() };
  const user = await createUser(database.db, actor, input, { check: false });
  const g = user.grants[0];
  console.log(`created ${user.username} (id ${user.id}) as ${g.role}${g.area ? ` of ${g.area.name} (${g.area.code})` : g.householdId ? ` of household ${values.household}` : ''}`);
} catch (e) {
  fail(isAppError(e) ? e.message : (e as Error).message);
} finally {
  await database.close();
}
