import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';

/**
 * A small fixed world whose figures are worked out by hand in dataset.test.ts.
 * "Now" is 2026-06-15 12:00 JST. L1 and A2 fall on 31 March (JST) and L2 on 1 April 00:00 JST,
 * so they sit on either side of the fiscal-year boundary.
 */
export const NOW = new Date('2026-06-15T03:00:00Z');

type Ev = [string, string];

export async function insertFixture(db: Kysely<Database>) {
  const org = async (slug: string, kind: string, extra: Record<string, unknown>) =>
    (
      await db
        .insertInto('organisations')
        .values({ slug, kind, status: 'approved', name: slug, ...extra } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id as string;
  const muniA = await org('mon-ama', 'municipality', { lg_code: '322059' });
  const muniB = await org('mon-kamiyama', 'municipality', { lg_code: '363219' });
  const company = await org('mon-company', 'company', { head_office_lg_code: '131016', corporate_number: '9999999999991', company_class: 'A' });
  const person = await org('mon-person', 'individual', { individual_track: 'side_job', head_office_lg_code: '131016' });

  const listing = async (
    kind: 'opening' | 'solution',
    organisation_id: string,
    pref_code: string,
    categories: string[],
    types: string[],
    status: 'draft' | 'published' | 'closed',
    times: { published?: string; created?: string; closed?: string; reason?: 'filled' | 'withdrawn' | 'expired'; deadline?: string },
  ) =>
    (
      await db
        .insertInto('listings')
        .values({
          kind,
          organisation_id,
          status,
          close_reason: times.reason ?? null,
          title: `${kind} fixture`,
          categories,
          types,
          term_min_months: 6,
          term_max_months: 12,
          pref_code,
          published_at: times.published ? new Date(times.published) : null,
          closed_at: times.closed ? new Date(times.closed) : null,
          deadline: times.deadline ?? null,
          created_at: new Date(times.created ?? times.published ?? '2026-01-01T00:00:00Z'),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const L1 = await listing('opening', muniA, '32', ['dx', 'tourism'], ['dispatch', 'side_job'], 'published', { published: '2026-03-31T14:59:00Z' });
  const L2 = await listing('opening', muniA, '32', ['dx'], ['dispatch'], 'published', { published: '2026-03-31T15:00:00Z' });
  const L3 = await listing('opening', muniB, '36', ['agriculture'], ['senior'], 'closed', { published: '2026-04-10T00:00:00Z', closed: '2026-06-01T00:00:00Z', reason: 'filled' });
  const L4 = await listing('opening', muniB, '36', ['dx'], ['side_job'], 'published', { published: '2026-05-20T00:00:00Z', deadline: '2026-06-01' });
  await listing('opening', muniB, '36', ['education'], ['dispatch'], 'draft', { created: '2026-05-02T00:00:00Z' });
  const L6 = await listing('solution', company, '13', ['dx'], ['dispatch'], 'published', { published: '2026-04-05T00:00:00Z' });
  await listing('opening', muniA, '32', ['tourism'], ['dispatch'], 'closed', { published: '2026-04-20T00:00:00Z', closed: '2026-05-01T00:00:00Z', reason: 'withdrawn' });
  await listing('opening', muniA, '32', ['gx'], ['dispatch'], 'published', { published: '2026-04-02T01:00:00Z' });
  void L4;

  const application = async (a: {
    listing: number;
    kind: 'opening' | 'solution';
    applicant: string;
    owner: string;
    type: 'dispatch' | 'side_job' | 'senior';
    state: string;
    created: string;
    reply?: string;
    inquiry?: boolean;
    events: Ev[];
    conversation: boolean;
  }) => {
    const { id } = await db
      .insertInto('applications')
      .values({
        listing_id: a.listing,
        listing_kind: a.kind,
        kind: a.kind === 'opening' ? 'application' : 'scout',
        applicant_organisation_id: a.applicant,
        owner_organisation_id: a.owner,
        program_type: a.type,
        is_inquiry: a.inquiry ?? false,
        eligibility: JSON.stringify({ eligible: !a.inquiry }),
        message: '本文は集計に使わない',
        state: a.state,
        state_changed_at: new Date(a.created),
        first_reply_at: a.reply ? new Date(a.reply) : null,
        created_at: new Date(a.created),
        updated_at: new Date(a.created),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    let from: string | null = null;
    for (const [to, at] of [['applied', a.created] as Ev, ...a.events]) {
      await db.insertInto('application_events').values({ application_id: id, from_state: from, to_state: to, created_at: new Date(at) } as never).execute();
      from = to;
    }
    if (a.conversation) {
      await db
        .insertInto('conversations')
        .values({ application_id: id, applicant_organisation_id: a.applicant, owner_organisation_id: a.owner, last_seq: 1, created_at: new Date(a.created) } as never)
        .execute();
    }
    return id;
  };

  // A1: to L1 (FY2025 listing) in April; replied after 5 h, agreed after 10 days, concluded in May.
  const A1 = await application({
    listing: L1, kind: 'opening', applicant: company, owner: muniA, type: 'dispatch', state: 'concluded', created: '2026-04-01T00:00:00Z', reply: '2026-04-01T05:00:00Z',
    events: [['in_dialogue', '2026-04-01T05:00:00Z'], ['interview', '2026-04-05T00:00:00Z'], ['agreed', '2026-04-11T00:00:00Z'], ['preparing', '2026-04-20T00:00:00Z'], ['concluded', '2026-05-20T00:00:00Z']],
    conversation: true,
  });
  // A2: 31 March 23:00 JST, so FY2025; declined after a dialogue.
  await application({
    listing: L1, kind: 'opening', applicant: person, owner: muniA, type: 'side_job', state: 'declined', created: '2026-03-31T14:00:00Z', reply: '2026-04-01T00:00:00Z',
    events: [['in_dialogue', '2026-04-01T00:00:00Z'], ['declined', '2026-04-03T00:00:00Z']],
    conversation: true,
  });
  await application({
    listing: L2, kind: 'opening', applicant: company, owner: muniA, type: 'dispatch', state: 'in_dialogue', created: '2026-04-02T00:00:00Z', reply: '2026-04-03T00:00:00Z',
    events: [['in_dialogue', '2026-04-03T00:00:00Z']],
    conversation: true,
  });
  // A4: an ineligible pairing sent as an inquiry, never answered.
  await application({
    listing: L2, kind: 'opening', applicant: person, owner: muniA, type: 'side_job', state: 'applied', created: '2026-04-05T00:00:00Z', inquiry: true,
    events: [], conversation: true,
  });
  const A5 = await application({
    listing: L3, kind: 'opening', applicant: person, owner: muniB, type: 'senior', state: 'agreed', created: '2026-04-15T00:00:00Z', reply: '2026-04-15T02:30:00Z',
    events: [['in_dialogue', '2026-04-15T02:30:00Z'], ['agreed', '2026-04-25T12:00:00Z']],
    conversation: true,
  });
  // A6: a municipality's scout to a solution, withdrawn; no conversation row.
  await application({
    listing: L6, kind: 'solution', applicant: muniB, owner: company, type: 'dispatch', state: 'withdrawn', created: '2026-05-01T00:00:00Z',
    events: [['withdrawn', '2026-05-03T00:00:00Z']], conversation: false,
  });
  await application({
    listing: L3, kind: 'opening', applicant: company, owner: muniB, type: 'dispatch', state: 'interview', created: '2026-04-16T00:00:00Z', reply: '2026-04-16T03:00:00Z',
    events: [['in_dialogue', '2026-04-16T03:00:00Z'], ['interview', '2026-04-17T00:00:00Z']],
    conversation: true,
  });
  // agreement drafts: A1's concluded, A5's still being written (no approvals)
  await db.insertInto('agreement_drafts').values({ application_id: A1, kind: 'dispatch', current_version: 1, concluded_version: 1, concluded_on: '2026-05-20', concluded_at: new Date('2026-05-20T00:00:00Z') } as never).execute();
  await db.insertInto('agreement_drafts').values({ application_id: A5, kind: 'senior' } as never).execute();
}
