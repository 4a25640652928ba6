import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../app/domain/accounts/password';
import { safeRedirect } from '../../../app/domain/accounts/redirect';
import { LoginForm } from '../../../app/schemas/auth';
import { toZod } from '../../../app/schemas/form';
import { ReviewForm } from '../../../app/schemas/settings';
import { IndividualSignupForm } from '../../../app/schemas/signup';

describe('password rules', () => {
  it('accepts a long, unusual password', () => {
    expect(passwordProblems('correct-horse-battery', { email: 'taro@example.jp' })).toEqual([]);
  });
  it('refuses short, common, repeated and e-mail-based passwords, in Japanese', () => {
    expect(passwordProblems('short1')).toEqual(['パスワードは10文字以上にしてください。']);
    expect(passwordProblems('password123')).toContain('推測されやすいパスワードは使えません。');
    expect(passwordProblems('aaaaaaaaaaaa')).toContain('推測されやすいパスワードは使えません。');
    expect(passwordProblems('yamada.taro-2026', { email: 'yamada.taro@example.jp' })).toContain('メールアドレスを含むパスワードは使えません。');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('🔑🔑🔑🔑🔑')).toHaveLength(1);
  });
});

describe('form schemas', () => {
  it('normalises the e-mail address for log-in (NFKC, trimmed, lower case)', () => {
    expect(LoginForm.fields.parse({ email: ' Ｔａｒｏ@Example.JP ', password: 'x' }).email).toBe('taro@example.jp');
  });

  it('requires the employer for side-job and senior individuals, not for freelancers', async () => {
    const base = { name: '鈴木 葵', email: 'aoi@example.jp', password: 'correct-horse-battery', agree: 'on' };
    const sideJob = await toZod(IndividualSignupForm).safeParseAsync({ ...base, track: 'side_job' });
    expect(sideJob.success).toBe(false);
    expect([...new Set(sideJob.error?.issues.map((i) => String(i.path[0])))].sort()).toEqual(['employerHeadOffice', 'employerName']);
    expect((await toZod(IndividualSignupForm).safeParseAsync({ ...base, track: 'freelance' })).success).toBe(true);
  });

  it('requires a reason to reject, not to approve', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await toZod(ReviewForm).safeParseAsync({ organisationId: id, decision: 'approve' })).success).toBe(true);
    const r = await toZod(ReviewForm).safeParseAsync({ organisationId: id, decision: 'reject', reason: ' ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === 'reason')?.message).toMatch(/理由/);
  });

  it('only redirects to local paths after log-in', () => {
    expect(safeRedirect('/settings?x=1')).toBe('/settings?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', undefined]) expect(safeRedirect(bad)).toBe('/');
  });

  it('refuses redirect targets with whitespace, control characters or dot segments of any kind, and resolves the rest against the site', () => {
    const base = 'https://kigyojin.example.jp';
    const bad = [
      '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/\u3000/evil.example', '/ /evil.example', '/\u00a0/evil.example',
      '/\u2028/evil.example', '/\u200b/evil.example', '/\ufeff/evil.example', '/\u0000x', '/\u007f/x', '/\u0085/x',
      '/%09/evil.example', '/%0a/evil.example', '/%0d%0aSet-Cookie:x=1', '/%E3%80%80/evil.example', '/%5cevil.example', '/%2F/evil.example',
      '/./evil.example', '/../evil.example', '/..//evil.example', '/.//evil.example', '/x/../..//evil.example', '/%2e%2e//evil.example', '/%2e/evil',
      '/\\/evil.example', '/x\\y', '/%', '', 'settings', 'https://kigyojin.example.jp/settings', 'a'.repeat(3000),
    ];
    for (const to of bad) expect(safeRedirect(to, base), JSON.stringify(to)).toBe('/');
    expect(safeRedirect('/search?q=%E8%A6%B3%E5%85%89%20%E3%83%84%E3%82%A2%E3%83%BC&page=2', base)).toBe('/search?q=%E8%A6%B3%E5%85%89%20%E3%83%84%E3%82%A2%E3%83%BC&page=2');
    expect(safeRedirect('/openings/12#apply', base)).toBe('/openings/12#apply');
    // Non-ASCII is percent-encoded, so the Location header is always valid.
    expect(safeRedirect('/search?q=観光', base)).toBe('/search?q=%E8%A6%B3%E5%85%89');
  });
});
