import { describe, expect, it } from 'vitest';
import { approvalWithdrawalProblem, concludedBeforeApprovalProblem, dateLineWarning } from '../../../app/domain/agreements/approvals';

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

describe('concludedBeforeApprovalProblem (締結日)', () => {
  it('accepts the day of the later approval and any day after it', () => {
    expect(concludedBeforeApprovalProblem('2026-10-02', ['2026-10-01', '2026-10-02'])).toBeNull();
    expect(concludedBeforeApprovalProblem('2026-10-05', ['2026-10-02', '2026-10-01'])).toBeNull();
  });

  it('refuses a day before either approval, naming the later approval day', () => {
    expect(concludedBeforeApprovalProblem('1900-01-01', ['2026-10-01', '2026-10-02'])).toBe(
      '締結日（1900-01-01）が、双方がこの版に合意した日（2026-10-02）より前です。2026-10-02以降の日付を入力してください。',
    );
    // Between the two approvals: the second party had not agreed yet.
    expect(concludedBeforeApprovalProblem('2026-10-01', ['2026-10-02', '2026-10-01'])).toMatch(/2026-10-02/);
  });
});

describe('dateLineWarning', () => {
  it('warns in Japanese dates when the document\'s date line and the recorded 締結日 differ', () => {
    expect(dateLineWarning('2026-09-15', '2026-09-20')).toBe('文書の日付欄（令和8年9月15日）と記録した締結日（令和8年9月20日）が異なります。署名・押印した文書の日付を確認してください。');
  });

  it('says nothing when they agree or the date line is left blank for signing by hand', () => {
    expect(dateLineWarning('2026-09-15', '2026-09-15')).toBeNull();
    expect(dateLineWarning(undefined, '2026-09-15')).toBeNull();
    expect(dateLineWarning('', '2026-09-15')).toBeNull();
  });
});
