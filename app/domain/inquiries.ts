/* お問い合わせ (the contact form): what can be asked about, and how much may be sent. */

export const INQUIRY_CATEGORIES = [
  { id: 'usage', label: '使い方' },
  { id: 'account', label: 'アカウント・ログイン' },
  { id: 'programme', label: '地域活性化起業人制度について' },
  { id: 'bug', label: '不具合の報告' },
  { id: 'accessibility', label: 'アクセシビリティ' },
  { id: 'privacy', label: '個人情報の取扱い' },
  { id: 'other', label: 'その他' },
] as const;

export type InquiryCategory = (typeof INQUIRY_CATEGORIES)[number]['id'];
export const INQUIRY_CATEGORY_IDS = INQUIRY_CATEGORIES.map((c) => c.id) as [InquiryCategory, ...InquiryCategory[]];

export const INQUIRY_LIMITS = { nameMax: 60, organisationMax: 100, bodyMax: 4000 } as const;

export const inquiryCategoryLabel = (id: string) => INQUIRY_CATEGORIES.find((c) => c.id === id)?.label ?? id;

/** 受付番号 as shown to the sender and in the operators' mail: KM-000042. */
export const inquiryReference = (id: number) => `KM-${String(id).padStart(6, '0')}`;

/** The operators' notification mail for one inquiry. */
export function inquiryMail(i: { id: number; name: string; email: string; organisation: string; category: string; body: string; receivedAt: string }, publicUrl: string) {
  return {
    subject: `【起業人マッチ】お問い合わせ ${inquiryReference(i.id)}（${inquiryCategoryLabel(i.category)}）`,
    body: [
      'お問い合わせフォームから新しいお問い合わせがありました。',
      '',
      `受付番号: ${inquiryReference(i.id)}`,
      `受付日時: ${i.receivedAt}`,
      `種類: ${inquiryCategoryLabel(i.category)}`,
      `お名前: ${i.name}`,
      `メールアドレス: ${i.email}`,
      `ご所属: ${i.organisation || '（記入なし）'}`,
      '',
      '--- 内容 ---',
      i.body,
      '---',
      '',
      `返信はメールアドレス宛てにお送りください。 ${publicUrl}/contact`,
      '',
    ].join('\n'),
  };
}
