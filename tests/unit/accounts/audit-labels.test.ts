import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, auditActionLabel, describeAuditDetails } from '../../../app/domain/audit';

const iso = (s: string) => `at ${s}`;

describe('audit log words', () => {
  it('every action belongs to a labelled group of the filter, and an unknown code is still named in Japanese', () => {
    for (const code of Object.keys(AUDIT_ACTION_LABELS)) expect(Object.keys(AUDIT_ACTION_GROUPS).some((p) => code.startsWith(p)), code).toBe(true);
    expect(auditActionLabel('auth.login')).toBe('ログイン');
    expect(auditActionLabel('legacy.thing')).toBe('その他の操作（legacy.thing）');
  });

  it('writes details as labelled values, leaving out ids', () => {
    const id = '0b9f0a52-8d7c-4c55-9a8e-3a0f3c1d2e4f';
    expect(
      describeAuditDetails({ listingId: 12, invitation: id, from: 'in_dialogue', to: 'interview', kind: 'solution', changed: ['title', 'deadline'], version: 3, sha256: 'abcdef0123456789abcdef', before: { terms: ['a', 'b'], note: null } }, iso),
    ).toEqual([
      { label: '変更前', value: '対話中' },
      { label: '変更後', value: '面談調整中' },
      { label: '種類', value: 'ソリューション' },
      { label: '変更した項目', value: 'タイトル、締切' },
      { label: '版', value: '版3' },
      { label: '文書のハッシュ（先頭）', value: 'abcdef012345' },
      { label: '変更前', value: '語：a、b' },
    ]);
  });
});
