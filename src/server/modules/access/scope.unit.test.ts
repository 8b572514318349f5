import { describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/context.ts';
import { unitAbilities } from '../units/policy.ts';
import { userAbilities } from '../users/policy.ts';
import { atLeast, isSystemAdmin, roleOn } from './scope.ts';

const actor = (grants: Actor['grants']): Actor => ({ userId: 1, username: 'u', unitId: null, grants });

describe('role on a unit', () => {
  const a = actor([
    { unitId: 3, path: '/1/3/', role: 'officer' },
    { unitId: 7, path: '/1/3/7/', role: 'leader' },
  ]);

  it('applies a grant to its whole subtree and takes the strongest', () => {
    expect(roleOn(a, '/1/3/')).toBe('officer');
    expect(roleOn(a, '/1/3/9/')).toBe('officer');
    expect(roleOn(a, '/1/3/7/12/')).toBe('leader');
  });

  it('gives nothing outside the subtree, even for an id sharing a prefix', () => {
    expect(roleOn(a, '/1/')).toBeNull();
    expect(roleOn(a, '/1/33/')).toBeNull();
  });

  it('treats a grant without unit as system-wide', () => {
    const sys = actor([{ unitId: null, path: null, role: 'admin' }]);
    expect(roleOn(sys, '/5/6/')).toBe('admin');
    expect(isSystemAdmin(sys)).toBe(true);
    expect(isSystemAdmin(a)).toBe(false);
  });

  it('orders roles admin > leader > officer > viewer', () => {
    expect(atLeast('admin', 'leader')).toBe(true);
    expect(atLeast('officer', 'leader')).toBe(false);
    expect(atLeast(null, 'viewer')).toBe(false);
  });
});

describe('abilities sent to the UI', () => {
  it('lets a subtree admin edit but not move a top-level unit', () => {
    const admin = actor([{ unitId: 1, path: '/1/', role: 'admin' }]);
    expect(unitAbilities(admin, { path: '/1/', parentId: null, validTo: null })).toEqual({
      update: true,
      move: false,
      close: true,
      delete: false,
      createChild: true,
    });
    expect(unitAbilities(admin, { path: '/1/4/', parentId: 1, validTo: '2025-06-30' }).createChild).toBe(
      false,
    );
  });

  it('gives an officer no structural abilities', () => {
    const officer = actor([{ unitId: 1, path: '/1/', role: 'officer' }]);
    expect(
      Object.values(unitAbilities(officer, { path: '/1/2/', parentId: 1, validTo: null })).some(Boolean),
    ).toBe(false);
  });

  it('never lets an admin reset their own password through the admin route', () => {
    const admin = actor([{ unitId: null, path: null, role: 'admin' }]);
    expect(userAbilities(admin, { id: 1, unitPath: null }).resetPassword).toBe(false);
    expect(userAbilities(admin, { id: 2, unitPath: '/4/' }).resetPassword).toBe(true);
  });
});
