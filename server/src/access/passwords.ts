import { Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ioc/shared';

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): ~50 ms on one
 * core here, so a sign-in costs the server little and a stolen hash costs an attacker much.
 * `@node-rs/argon2` ships its compiled binding inside a registry package (no install script, no
 * download), so `npm install` works offline of anything but the npm registry.
 */
const ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2ID);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false; // a malformed hash matches nothing
  }
}

/** Verified against when the login is unknown, so that the answer takes as long as for a known one. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing 9c2f');
  return decoyHash;
}

/**
 * The 49,233 passwords most common in breaches (the list of `@zxcvbn-ts/language-common`, MIT,
 * from public leak corpora), lower-cased: NIST SP 800-63B asks for a check against such a list.
 */
let breached: ReadonlySet<string> | null = null;
function breachedPasswords(): ReadonlySet<string> {
  breached ??= new Set(dictionary['passwords-common'].map((p) => String(p).toLowerCase()));
  return breached;
}

export type PasswordProblem = { vi: string; en: string };

/**
 * NIST SP 800-63B rules and nothing more: a length (at least 15, the floor for a password that is
 * the only factor; at most 128, above the required 64, any character), not a known breached or
 * common password, not the login or the name. No composition rules, no forced rotation.
 */
export function passwordProblem(
  password: string,
  context: { login?: string; displayName?: string } = {},
): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      vi: `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự (có thể là một câu dễ nhớ).`,
      en: `A password needs at least ${PASSWORD_MIN_LENGTH} characters (a memorable phrase works).`,
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      vi: `Mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự.`,
      en: `A password has at most ${PASSWORD_MAX_LENGTH} characters.`,
    };
  }
  const lower = password.normalize('NFC').toLowerCase();
  const simple = lower.replace(/\s+/g, '');
  if (breachedPasswords().has(lower) || breachedPasswords().has(simple) || /^(.)\1+$/u.test(simple)) {
    return {
      vi: 'Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu. Hãy chọn mật khẩu khác.',
      en: 'This password is too common or appeared in data breaches. Choose another one.',
    };
  }
  const own = [context.login, context.displayName]
    .filter((s): s is string => !!s)
    .map((s) => s.toLowerCase().replace(/\s+/g, ''));
  if (own.some((s) => s.length >= 3 && simple.includes(s) && simple.length - s.length <= 8)) {
    return {
      vi: 'Mật khẩu không được dựa trên tên đăng nhập hoặc tên người dùng.',
      en: 'A password must not be based on the login or the name.',
    };
  }
  return null;
}
