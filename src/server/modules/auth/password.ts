import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../lib/errors.ts';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). The
// @node-rs/argon2 default algorithm is argon2id; stated explicitly for the reader.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the username does not exist, so timing does not reveal which
// usernames exist.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('phoihop-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

const COMMON = ['password', 'matkhau', '12345678', '123456789', 'qwerty', 'abc123', 'admin123', 'phoihop'];

/**
 * Strength rule: at least 10 characters, with letters and digits, not built from the
 * username or a common password. Returns the Vietnamese reason, or null when acceptable.
 */
export function passwordWeakness(password: string, username: string): string | null {
  if (password.length < 10) return 'Mật khẩu phải có ít nhất 10 ký tự';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Mật khẩu phải có cả chữ và số';
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase()))
    return 'Mật khẩu không được chứa tên đăng nhập';
  if (COMMON.some((c) => lower.includes(c))) return 'Mật khẩu quá phổ biến, dễ đoán';
  if (new Set(lower).size < 4) return 'Mật khẩu lặp lại quá ít ký tự khác nhau';
  return null;
}

export function assertStrongPassword(password: string, username: string, field = 'password'): void {
  const reason = passwordWeakness(password, username);
  if (reason) throw new AppError('WEAK_PASSWORD', { fields: [{ path: field, message: reason }] });
}
