/**
 * `npm run users -- <command>`: people and roles, through the running server's admin API (as
 * `npm run keys`), with the admin token (IOC_ADMIN_TOKEN, or the one in the data directory).
 *
 *   npm run users -- create --admin --login quantri --name "Quản trị hệ thống"
 *   npm run users -- create --role leader --login lanhdao --name "Nguyễn Văn A"
 *   npm run users -- create --role department-head --fields civil-status,land --login tp.tuphap --name "…"
 *   npm run users -- create --role unit-officer --unit 24781 --login cb.xuanhuong --name "…"
 *   npm run users -- list
 *   npm run users -- disable <login>    |  enable <login>
 *   npm run users -- reset-password <login>
 *   npm run users -- sign-out <login>   (ends all their sessions)
 *
 * The password is never an argument (it would stay in the shell's history): it is asked twice
 * without echo on a terminal, or read from the first line of standard input
 * (`printf '%s\n' "$PASSWORD" | npm run users -- create …`). There is no default password.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { USER_ROLES, type UserRole, type UserSummary } from '@ioc/shared';
import { adminTokenPath } from '../admin/admin-token';
import { loadAppConfig } from '../config/app-config';

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      admin: { type: 'boolean', default: false },
      role: { type: 'string' },
      login: { type: 'string' },
      name: { type: 'string' },
      fields: { type: 'string' },
      unit: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const config = loadAppConfig();
  const url = (values.url ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '');
  const token = config.adminToken ?? readGeneratedToken(config.dataDir);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T | null> => {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(`the server at ${url} does not answer: start it (npm start) or pass --url`);
    }
    if (!response.ok) {
      const detail = (await response.json().catch(() => ({}))) as { message?: unknown; messageEn?: unknown };
      throw new Error(
        `${response.status}: ${JSON.stringify(detail.messageEn ?? detail.message ?? response.statusText)}`,
      );
    }
    return response.status === 204 ? null : ((await response.json()) as T);
  };
  const byLogin = async (login: string | undefined): Promise<UserSummary> => {
    if (!login) throw new UsageError('name the person by login');
    const users = (await call<UserSummary[]>('GET', '/api/v1/admin/users')) ?? [];
    const user = users.find((u) => u.login === login.toLowerCase());
    if (!user) throw new Error(`no person has the login '${login}'`);
    return user;
  };

  const [command, target] = positionals;
  switch (command) {
    case 'create': {
      const role: UserRole | undefined = values.admin ? 'admin' : (values.role as UserRole | undefined);
      if (!role || !USER_ROLES.includes(role) || (values.admin && values.role && values.role !== 'admin')) {
        throw new UsageError(`create needs --admin or --role ${USER_ROLES.join('|')}`);
      }
      if (!values.login || !values.name) throw new UsageError('create needs --login and --name');
      const password = await readPassword();
      const user = await call<UserSummary>('POST', '/api/v1/admin/users', {
        login: values.login,
        displayName: values.name,
        role,
        fields: values.fields ? values.fields.split(',').map((f) => f.trim()) : [],
        unitCode: values.unit ?? null,
        password,
      });
      console.log(`created ${user!.role} ${user!.login} (${user!.id})`);
      return;
    }
    case 'list': {
      const users = (await call<UserSummary[]>('GET', '/api/v1/admin/users')) ?? [];
      for (const u of users) {
        const scope = u.unitCode
          ? ` unit ${u.unitCode}`
          : u.fields.length
            ? ` fields ${u.fields.join(',')}`
            : '';
        const state = u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active';
        console.log(`${u.login}  ${u.role}${scope}  ${state}  ${u.displayName}`);
      }
      if (users.length === 0) console.log('nobody yet: npm run users -- create --admin --login … --name …');
      return;
    }
    case 'disable':
    case 'enable': {
      const user = await byLogin(target);
      await call('PATCH', `/api/v1/admin/users/${user.id}`, { disabled: command === 'disable' });
      console.log(`${command}d ${user.login}`);
      return;
    }
    case 'reset-password': {
      const user = await byLogin(target);
      await call('POST', `/api/v1/admin/users/${user.id}/password`, { password: await readPassword() });
      console.log(`new password set for ${user.login}; their sessions ended`);
      return;
    }
    case 'sign-out': {
      const user = await byLogin(target);
      const ended = await call<{ ended: number }>('DELETE', `/api/v1/admin/users/${user.id}/sessions`);
      console.log(`ended ${ended!.ended} session(s) of ${user.login}`);
      return;
    }
    default:
      throw new UsageError(
        `unknown command '${command ?? ''}': use create, list, disable, enable, reset-password or sign-out`,
      );
  }
}

/** Twice without echo on a terminal; else the first line of standard input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      if (line.length > 0) return line;
    }
    throw new UsageError('no password on standard input');
  }
  const first = await askHidden('Mật khẩu / Password (≥ 15 characters): ');
  const second = await askHidden('Nhập lại / Again: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // readline echoes what is typed through this; the question itself is written before muting.
    const echo = prompt as unknown as { _writeToOutput: (text: string) => void };
    process.stdout.write(question);
    echo._writeToOutput = () => undefined;
    prompt.question('', (answer) => {
      prompt.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

function readGeneratedToken(dataDir: string): string {
  const path = adminTokenPath(dataDir);
  if (!existsSync(path))
    throw new Error(`no admin token: set IOC_ADMIN_TOKEN or start the server once (it writes ${path})`);
  return readFileSync(path, 'utf8').trim();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`users: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1,
  );
});
