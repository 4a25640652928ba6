import { describe, expect, it } from 'vitest';
import { reactivationRefusal, suspensionRefusal, UserListQuerySchema } from '../../../app/domain/accounts/suspension';
import { toZod } from '../../../app/schemas/form';
import { UserSuspensionForm } from '../../../app/schemas/settings';

const suspension = (values: Record<string, string>) => toZod(UserSuspensionForm).safeParseAsync(values);

const USER = { id: 'u1', isOperator: false, disabled: false };
const OP2 = { id: 'op2', isOperator: true, disabled: false };

describe('suspensionRefusal', () => {
  it('allows an operator to suspend another account', () => {
    expect(suspensionRefusal('op1', USER, ['op1'])).toBeNull();
    expect(suspensionRefusal('op1', OP2, ['op1', 'op2'])).toBeNull();
  });
  it('refuses self-suspension', () => {
    expect(suspensionRefusal('op1', { id: 'op1', isOperator: true, disabled: false }, ['op1', 'op2'])).toContain('ご自身のアカウント');
  });
  it('refuses the last active operator', () => {
    expect(suspensionRefusal('op1', OP2, ['op2'])).toContain('最後の有効な運営者');
  });
  it('refuses an actor who has been suspended meanwhile', () => {
    expect(suspensionRefusal('op1', USER, ['op2'])).toContain('あなたのアカウントは利用停止');
  });
  it('refuses an account already suspended', () => {
    expect(suspensionRefusal('op1', { ...USER, disabled: true }, ['op1'])).toContain('既に利用停止中');
    expect(reactivationRefusal(USER)).toContain('利用停止されていません');
    expect(reactivationRefusal({ ...USER, disabled: true })).toBeNull();
  });
});

describe('schemas', () => {
  it('requires a reason to suspend, not to reactivate', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const missing = await suspension({ intent: 'suspend', userId: id, reason: ' ' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reason', '理由を入力してください（利用者へのメールに記載されます）。']]);
    expect((await suspension({ intent: 'suspend', userId: id, reason: '規約違反' })).success).toBe(true);
    expect((await suspension({ intent: 'reactivate', userId: id })).success).toBe(true);
    expect((await suspension({ intent: 'delete', userId: id })).success).toBe(false);
  });
  it('reads the list query leniently', () => {
    expect(UserListQuerySchema.parse({ q: ' 高橋 ', page: '3' })).toEqual({ q: '高橋', page: 3 });
    expect(UserListQuerySchema.parse({ page: 'x' })).toEqual({ q: '', page: 1 });
    expect(UserListQuerySchema.parse({ page: '0' })).toEqual({ q: '', page: 1 });
  });
});
