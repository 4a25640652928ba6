import { STATE_LABELS } from './applications/states';
import { LISTING_KIND_LABELS, PROGRAM_TYPE_LABELS } from './vocabulary';
import { ROLE_LABELS } from './accounts/types';

/*
 * The words of the audit log. Every action the application records has its Japanese label here
 * (`audit()` accepts only these codes, so a new one cannot be recorded without its label), and the
 * details are shown as labelled, readable values: no JSON, no internal ids.
 */

export const AUDIT_ACTION_LABELS = {
  'account.signup': '新規登録',
  'account.email_confirmed': 'メールアドレスの確認',
  'account.invitation_accepted': '招待からの登録',
  'account.edit': 'アカウント情報の変更',
  'account.profile_edit': 'プロフィールの変更',
  'account.photo_upload': 'プロフィール写真の登録',
  'account.photo_remove': 'プロフィール写真の削除',
  'auth.login': 'ログイン',
  'auth.password_ok_mfa_pending': 'パスワード確認（二段階認証待ち）',
  'auth.login_failed': 'ログイン失敗',
  'auth.locked': 'ログイン失敗（ロック）',
  'auth.login_refused_locked': 'ロック中のログイン拒否',
  'auth.logout': 'ログアウト',
  'auth.logout_everywhere': 'すべての端末からログアウト',
  'auth.password_changed': 'パスワード変更',
  'auth.password_reset_requested': 'パスワード再設定の申請',
  'auth.password_reset': 'パスワード再設定',
  'auth.totp_enabled': '二段階認証の設定',
  'auth.totp_disabled': '二段階認証の解除',
  'auth.totp_failed': '二段階認証の失敗',
  'organisation.approve': '団体の承認',
  'organisation.reject': '団体の却下',
  'organisation.edit': '団体情報の変更',
  'organisation.invite': 'メンバーの招待',
  'user.suspend': '利用停止',
  'user.reactivate': '利用再開',
  'listing.create': '掲載の下書き作成',
  'listing.publish': '掲載の公開',
  'listing.edit': '掲載の編集',
  'listing.close': '掲載の終了',
  'application.create': '応募',
  'application.scout': 'スカウト',
  'application.state': '応募の状態変更',
  'application.slots': '面談候補日時の提案',
  'application.slot_accept': '面談日時の決定',
  'agreement.open': '協定書の作成開始',
  'agreement.save': '協定書の保存',
  'agreement.approve': '協定書への合意',
  'agreement.approval_withdrawn': '協定書の合意取り消し',
  'agreement.conclude': '協定書の締結',
  'agreement.export': '協定書のダウンロード',
  'agreement_template.save': 'ひな形の保存',
  'agreement_template.copy': 'ひな形の複製',
  'synonym.create': '同義語の追加',
  'synonym.update': '同義語の変更',
  'synonym.delete': '同義語の削除',
  'inquiry.create': 'お問い合わせ',
  'saved_search.create': '検索条件の保存',
  'saved_search.update': '検索条件の変更',
  'saved_search.delete': '検索条件の削除',
  'saved_search.unsubscribe': '新着お知らせの配信停止',
  'favourite.add': '「気になる」に登録',
  'favourite.remove': '「気になる」の解除',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The groups of the filter (the part of the code before the dot). */
export const AUDIT_ACTION_GROUPS: Record<string, string> = {
  'account.': 'アカウント',
  'auth.': 'ログイン・認証',
  'organisation.': '団体',
  'user.': '利用者の管理',
  'listing.': '掲載',
  'application.': '応募・スカウト',
  'agreement.': '協定書',
  'agreement_template.': 'ひな形',
  'synonym.': '検索の同義語',
  'inquiry.': 'お問い合わせ',
  'saved_search.': '保存した検索条件',
  'favourite.': '気になる',
};

export function auditActionLabel(code: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[code] ?? `その他の操作（${code}）`;
}

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  organisation: '団体',
  user: '利用者',
  email: 'メールアドレス',
  listing: '掲載',
  application: '応募',
  agreement_template: 'ひな形',
  search_synonym: '同義語',
  inquiry: 'お問い合わせ',
  saved_search: '保存した検索条件',
};

const DETAIL_LABELS: Record<string, string> = {
  kind: '種類',
  name: '名称',
  frequency: 'お知らせの頻度',
  searches: '停止した検索条件の数',
  consents: '同意した版',
  reason: '理由',
  email: 'メールアドレス',
  organisation: '団体',
  sessions: '終了したセッション数',
  sessionsEnded: '終了したセッション数',
  suspendedAt: '停止日時',
  version: '版',
  basedOn: '元の版',
  fromVersion: '元の版',
  from: '変更前',
  to: '変更後',
  note: 'メモ',
  editedAs: '編集方法',
  articles: '条数',
  valid: '入力の完備',
  checkOk: 'ルール確認',
  clearedApprovals: '取り消された合意',
  concludedOn: '締結日',
  format: '形式',
  sha256: '文書のハッシュ（先頭）',
  programType: '類型',
  inquiry: '相談として受付',
  eligible: '対象要件',
  via: '経由',
  slots: '候補日時の数',
  changed: '変更した項目',
  action: '操作',
  totp: '二段階認証',
  unknownAccount: '登録のないアドレス',
  category: '分類',
  privacyVersion: 'プライバシーポリシーの版',
  careers: '職歴の数',
  before: '変更前',
  after: '変更後',
  terms: '語',
  showName: '掲載者に団体名を知らせる',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const VALUE_LABELS: Record<string, string> = {
  ...ROLE_LABELS,
  ...LISTING_KIND_LABELS,
  ...PROGRAM_TYPE_LABELS,
  ...(STATE_LABELS as Record<string, string>),
  approve: '承認',
  reject: '却下',
  close: '終了',
  publish: '公開',
  docx: 'Word（.docx）',
  pdf: 'PDF',
  html: 'HTML',
  form: 'フォーム',
  json: 'JSON',
  slots: '面談日時の提案',
};

/** Listing columns named in 「変更した項目」. */
const FIELD_LABELS: Record<string, string> = {
  title: 'タイトル', summary: '概要', body: '本文', duties: '業務内容', skills: 'スキル', track_record: '実績', conditions: '条件',
  categories: '分野', types: '類型', term_min_months: '期間（最短）', term_max_months: '期間（最長）', start_from: '開始時期',
  deadline: '締切', days_on_site: '現地での日数', remote_ok: 'リモート可', budget_min_yen: '予算（下限）', budget_max_yen: '予算（上限）',
  headcount: '人数', lg_code: '市区町村', pref_code: '都道府県', region_pref_codes: '対応地域', region_anywhere: '全国対応',
  contact_name: '担当者', contact_email: '連絡先メール', contact_phone: '連絡先電話',
};

export type AuditDetail = { label: string; value: string };

/**
 * The details of one entry as labelled lines. Ids (UUIDs) are left out: the target column names
 * the record. `formatInstant` writes timestamps the way the rest of the UI does.
 */
export function describeAuditDetails(details: Record<string, unknown> | null | undefined, formatInstant: (iso: string) => string): AuditDetail[] {
  const out: AuditDetail[] = [];
  for (const [key, raw] of Object.entries(details ?? {})) {
    if (/Id$/.test(key) || key === 'invitation' || key === 'invitedBy') continue;
    const value = readable(key, raw, formatInstant);
    if (value === null) continue;
    out.push({ label: DETAIL_LABELS[key] ?? key, value });
  }
  return out;
}

function readable(key: string, raw: unknown, formatInstant: (iso: string) => string): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'boolean') return raw ? 'はい' : 'いいえ';
  if (typeof raw === 'number') return key === 'version' || key === 'basedOn' || key === 'fromVersion' ? `版${raw}` : String(raw);
  if (typeof raw === 'string') {
    if (UUID.test(raw)) return null;
    if (key === 'sha256') return raw.slice(0, 12);
    if (ISO_INSTANT.test(raw)) return formatInstant(raw);
    if (key === 'changed') return FIELD_LABELS[raw] ?? raw;
    return VALUE_LABELS[raw] ?? raw;
  }
  if (Array.isArray(raw)) {
    if (raw.every((v) => typeof v === 'string' && UUID.test(v))) return key === 'slots' ? `${raw.length}件` : null;
    const parts = raw.map((v) => readable(key, v, formatInstant)).filter((v): v is string => v !== null);
    return parts.length ? parts.join('、') : null;
  }
  if (typeof raw === 'object') {
    const parts = describeAuditDetails(raw as Record<string, unknown>, formatInstant).map((d) => `${d.label}：${d.value}`);
    return parts.length ? parts.join('／') : null;
  }
  return String(raw);
}
