import { randomBytes } from 'node:crypto';
import { DisplaysService } from '../access/displays.service';
import { UsersService } from '../access/users.service';
import type { RunningServer } from '../main';

export const DEMO_LEADER_LOGIN = 'lanhdao.demo';
export const DEMO_DISPLAY_NAME = 'Màn hình demo (npm start)';

/**
 * What `npm start` needs to be usable at once without a default password: a demo leader whose
 * password is drawn anew at every start (printed once, never stored in clear, so a copy of
 * `.data/` or an old terminal gives nothing that still works), and a paired demo wall whose URL
 * token is drawn anew too (the previous URL stops working).
 */
export async function prepareDemoAccess(
  server: RunningServer,
): Promise<{ login: string; password: string; wallUrl: string }> {
  const system = { kind: 'system', name: 'npm start' } as const;
  const users = server.app.get(UsersService);
  const password = `demo-${randomBytes(15).toString('base64url')}`;
  const existing = await users.findByLogin(DEMO_LEADER_LOGIN);
  if (existing) {
    await users.resetPassword(existing.id, password, system, null);
    if (existing.disabledAt || existing.role !== 'leader')
      await users.update(existing.id, { disabled: false, role: 'leader' }, system, null);
  } else {
    await users.create(
      {
        login: DEMO_LEADER_LOGIN,
        displayName: 'Lãnh đạo (demo)',
        role: 'leader',
        fields: [],
        unitCode: null,
        password,
      },
      system,
      null,
    );
  }
  const displays = server.app.get(DisplaysService);
  const demo = (await displays.list()).find(
    (d) => d.name === DEMO_DISPLAY_NAME && !d.revokedAt && d.pairing === 'token',
  );
  const { token } = demo
    ? await displays.replaceToken(demo.id, system, null)
    : // The demo's wall stands in the operations room: it is configured to show citizens' words.
      await displays.createWithToken({ name: DEMO_DISPLAY_NAME, showComments: true }, system, null);
  return { login: DEMO_LEADER_LOGIN, password, wallUrl: `${server.url}/?display=${token}` };
}
