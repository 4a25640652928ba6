import { describe, expect, it } from 'vitest';
import { approvalWithdrawalProblem } from '../../../app/domain/agreements/approvals';

const facts = { concluded: false, currentVersion: 3, version: 3, agreedByMe: true };

describe('approvalWithdrawalProblem', () => {
  it('allows a party that agreed to the latest version to withdraw before the conclusion', () => {
    expect(approvalWithdrawalProblem(facts)).toBeNull();
  });

  it('refuses once the conclusion is recorded, whatever else holds', () => {
    expect(approvalWithdrawalProblem({ ...facts, concluded: true })).toContain('締結が記録された後は');
    expect(approvalWithdrawalProblem({ ...facts, concluded: true, version: 2, agreedByMe: false })).toContain('締結が記録された後は');
  });

  it('refuses a form shown for an older version', () => {
    expect(approvalWithdrawalProblem({ ...facts, version: 2 })).toBe('版2は最新ではありません（最新は版3）。最新の版を確認してください。');
  });

  it('refuses when there is no approval to take back', () => {
    expect(approvalWithdrawalProblem({ ...facts, agreedByMe: false })).toContain('まだ合意していない');
  });
});
