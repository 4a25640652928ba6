import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { insertApplication, insertApplicationEvent } from '../queries/applications';
import { advanceConversation, insertConversation, insertMessage } from '../queries/chat';

/*
 * One application already in 合意 between 海士町 and 株式会社みらい地域創生 (企業派遣型), so the demo
 * can take it through the agreement to 締結済. Idempotent: skipped when that company already has an
 * application on the opening. Written with the same queries the applications service uses.
 */
export const AGREED_DEMO = { opening: '島の宿泊施設の予約・会計をひとつにするDX担当', municipality: 'amacho', company: 'mirai-chiiki' } as const;

const LINES: { from: 'company' | 'municipality' | 'system'; body: string }[] = [
  { from: 'system', body: '株式会社みらい地域創生 が応募を送信しました' },
  { from: 'company', body: '宿泊事業者のDX支援の経験がある社員を、企業派遣型でご提案します。' },
  { from: 'municipality', body: 'ご応募ありがとうございます。一度オンラインでお話を伺えますか。' },
  { from: 'system', body: '島根県海士町 が状態を「対話中」に変更しました' },
  { from: 'municipality', body: '面談の結果、ぜひお願いしたいと考えています。' },
  { from: 'system', body: '島根県海士町 が状態を「合意」に変更しました' },
];

export async function seedAgreementDemo(db: Kysely<Database>): Promise<string> {
  const orgs = await db.selectFrom('organisations').select(['id', 'slug']).where('slug', 'in', [AGREED_DEMO.municipality, AGREED_DEMO.company]).execute();
  const municipality = orgs.find((o) => o.slug === AGREED_DEMO.municipality);
  const company = orgs.find((o) => o.slug === AGREED_DEMO.company);
  if (!municipality || !company) return 'skipped (organisations missing)';
  const listing = await db.selectFrom('listings').select('id').where('organisation_id', '=', municipality.id).where('title', '=', AGREED_DEMO.opening).executeTakeFirst();
  if (!listing) return 'skipped (opening missing)';
  const exists = await db.selectFrom('applications').select('id').where('listing_id', '=', listing.id).where('applicant_organisation_id', '=', company.id).executeTakeFirst();
  if (exists) return `application ${exists.id} already there`;
  const users = await db.selectFrom('users').select(['id', 'organisation_id']).where('organisation_id', 'in', [municipality.id, company.id]).orderBy('created_at').execute();
  const userOf = (orgId: string) => users.find((u) => u.organisation_id === orgId)?.id ?? null;

  const id = await db.transaction().execute(async (trx) => {
    const id = await insertApplication(trx, {
      listing_id: listing.id,
      listing_kind: 'opening',
      kind: 'application',
      applicant_organisation_id: company.id,
      owner_organisation_id: municipality.id,
      applicant_user_id: userOf(company.id),
      program_type: 'dispatch',
      eligibility: JSON.stringify({ eligible: true, type: 'dispatch', headline: '制度の対象です（企業派遣型）', reasons: [], ruleVersion: 'fy2026' }),
      message: '宿泊事業者のDX支援の経験がある社員を、企業派遣型でご提案します。',
      state: 'agreed',
      state_reason: null,
      first_reply_at: new Date(),
    });
    const conversationId = await insertConversation(trx, { application_id: id, applicant_organisation_id: company.id, owner_organisation_id: municipality.id });
    for (const [from, to, actor] of [
      [null, 'applied', company.id],
      ['applied', 'in_dialogue', municipality.id],
      ['in_dialogue', 'agreed', municipality.id],
    ] as const) {
      await insertApplicationEvent(trx, { application_id: id, from_state: from, to_state: to, actor_user_id: userOf(actor), actor_organisation_id: actor, reason: null });
    }
    for (const [i, line] of LINES.entries()) {
      const org = line.from === 'company' ? company.id : line.from === 'municipality' ? municipality.id : null;
      await insertMessage(trx, {
        conversation_id: conversationId,
        seq: i + 1,
        kind: line.from === 'system' ? 'system' : 'text',
        sender_user_id: org ? userOf(org) : null,
        sender_organisation_id: org,
        body: line.body,
        meta: {},
        client_key: `seed-agreed-${i + 1}`,
      });
    }
    await advanceConversation(trx, conversationId, LINES.length);
    return id;
  });
  return `application ${id} in 合意 (海士町 × みらい地域創生)`;
}
