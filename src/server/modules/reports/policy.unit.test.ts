import { describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/context.ts';
import { type ReportForPolicy, reportAbilities } from './policy.ts';

const actor = (userId: number, grants: [string, 'viewer' | 'officer' | 'leader'][]): Actor => ({
  userId,
  username: `u${userId}`,
  unitId: null,
  grants: grants.map(([path, role]) => ({ unitId: 1, path, role })),
});
// Command /1/ with border post /1/4/; the partner agency /2/.
const report = (over: Partial<ReportForPolicy> = {}): ReportForPolicy => ({
  status: 'draft',
  unitPath: '/1/4/',
  approvalStep: 0,
  chainPaths: ['/1/4/', '/1/'],
  submittedById: 10,
  allowSelfApproval: false,
  ...over,
});
const postOfficer = actor(10, [['/1/4/', 'officer']]);
const postLeader = actor(11, [['/1/4/', 'leader']]);
const commandLeader = actor(12, [['/1/', 'leader']]);
const partnerLeader = actor(13, [['/2/', 'leader']]);
const postViewer = actor(14, [['/1/4/', 'viewer']]);

describe('report abilities', () => {
  it('officers of the unit edit, attach and submit drafts and returned reports only', () => {
    for (const status of ['draft', 'returned'] as const) {
      expect(reportAbilities(postOfficer, report({ status }))).toMatchObject({
        edit: true,
        submit: true,
        attach: true,
      });
    }
    for (const status of ['submitted', 'approved'] as const) {
      expect(reportAbilities(postOfficer, report({ status }))).toMatchObject({
        edit: false,
        submit: false,
        attach: false,
      });
    }
    expect(reportAbilities(postViewer, report()).edit).toBe(false);
    expect(reportAbilities(partnerLeader, report()).edit).toBe(false);
  });

  it('leaders of the current chain unit decide; the submitter does not approve their own report', () => {
    const submitted = report({ status: 'submitted' });
    expect(reportAbilities(postLeader, submitted)).toMatchObject({ approve: true, return: true });
    expect(reportAbilities(partnerLeader, submitted)).toMatchObject({ approve: false, return: false });
    expect(reportAbilities(postOfficer, submitted)).toMatchObject({ approve: false, return: false });
    const second = report({ status: 'submitted', approvalStep: 1 });
    expect(reportAbilities(postLeader, second)).toMatchObject({ approve: false, return: false });
    expect(reportAbilities(commandLeader, second)).toMatchObject({ approve: true, return: true });
    const own = report({ status: 'submitted', submittedById: postLeader.userId });
    expect(reportAbilities(postLeader, own)).toMatchObject({ approve: false, return: true });
    expect(reportAbilities(postLeader, { ...own, allowSelfApproval: true }).approve).toBe(true);
  });

  it('only a leader of the last chain unit reopens an approved report', () => {
    const approved = report({ status: 'approved', approvalStep: 2 });
    expect(reportAbilities(commandLeader, approved).reopen).toBe(true);
    expect(reportAbilities(postLeader, approved).reopen).toBe(false);
    expect(reportAbilities(commandLeader, report()).reopen).toBe(false);
  });
});
