import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './password.ts';

describe('password rule', () => {
  it('accepts a long password with letters and digits', () => {
    expect(passwordWeakness('Bien-gioi-2026', 'canbo')).toBeNull();
  });

  it.each([
    ['short1', 'quá ngắn', 'ít nhất 10 ký tự'],
    ['chichucaichu', 'không có số', 'cả chữ và số'],
    ['canbo.dbp.2026', 'chứa tên đăng nhập', 'tên đăng nhập'],
    ['password2026x', 'phổ biến', 'phổ biến'],
  ])('refuses %s (%s)', (pw, _why, reason) => {
    expect(passwordWeakness(pw, 'canbo.dbp')).toContain(reason);
  });
});

describe('argon2id hashing', () => {
  it('stores an argon2id hash that verifies only the right password', async () => {
    const hash = await hashPassword('Bien-gioi-2026');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'Bien-gioi-2026')).toBe(true);
    expect(await verifyPassword(hash, 'Bien-gioi-2027')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
