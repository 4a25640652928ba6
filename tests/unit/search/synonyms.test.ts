import { describe, expect, it } from 'vitest';
import type { OrganisationStatus, Role, SessionUser } from '../../../app/domain/accounts/types';
import { can } from '../../../app/domain/policy';
import { joinTerms, sameGroup, splitTerms, validateSynonymGroup, type SynonymGroup } from '../../../app/domain/search/synonyms';
import { normalize } from '../../../search/text';

const EXISTING: SynonymGroup[] = [
  { id: 1, terms: ['DX', 'デジタル化', 'デジタルトランスフォーメーション', 'デジタル変革', 'DX推進'] },
  { id: 7, terms: ['空き家', '空家'] },
];

const ok = (terms: string, note = '', selfId?: number) => {
  const r = validateSynonymGroup({ terms, note }, EXISTING, { key: normalize, selfId });
  if (!r.ok) throw new Error(`expected valid: ${JSON.stringify(r.errors)}`);
  return r.value;
};
const errorsOf = (terms: string, note = '', selfId?: number) => {
  const r = validateSynonymGroup({ terms, note }, EXISTING, { key: normalize, selfId });
  if (r.ok) throw new Error(`expected errors for ${terms}`);
  return r.errors;
};

describe('splitTerms', () => {
  it('splits at 、 , ， and line breaks, trims, and drops empty pieces', () => {
    expect(splitTerms('農泊、 農家民宿 ,民泊，ファームステイ\r\n\n グリーンツーリズム 、、')).toEqual(['農泊', '農家民宿', '民泊', 'ファームステイ', 'グリーンツーリズム']);
  });

  it('applies NFKC (full-width Latin, half-width kana, the half-width 、)', () => {
    expect(splitTerms('ＥＣサイト､ｵﾝﾗｲﾝｼｮｯﾌﾟ')).toEqual(['ECサイト', 'オンラインショップ']);
  });

  it('keeps spaces inside a term and round-trips through the edit form', () => {
    const terms = ['Google Workspace', 'グーグル ワークスペース'];
    expect(splitTerms(joinTerms(terms))).toEqual(terms);
  });
});

describe('validateSynonymGroup', () => {
  it('accepts two or more distinct terms and stores them normalised, note optional', () => {
    expect(ok('農泊、農家民宿')).toEqual({ terms: ['農泊', '農家民宿'], note: null });
    expect(ok(' ＧＩＳ ,地理情報システム', '  自治体向け  ')).toEqual({ terms: ['GIS', '地理情報システム'], note: '自治体向け' });
  });

  it('refuses an empty group and a single term, next to the terms field', () => {
    expect(errorsOf('').terms).toEqual(['同じ意味として扱う語を2つ以上入力してください。']);
    expect(errorsOf(' 、 , \n').terms?.[0]).toContain('2つ以上');
    expect(errorsOf('農泊').terms?.[0]).toContain('「農泊」と同じ意味として扱う語を、もう1つ以上');
  });

  it('counts terms that differ only in width, case or kana as one', () => {
    expect(errorsOf('ＡＩ、ai').terms?.[0]).toContain('同じ語とみなします');
    expect(errorsOf('ドローン、どろーん').terms?.[0]).toContain('同じ語とみなします');
    // A duplicate next to other terms is simply kept once.
    expect(ok('ドローン、どろーん、無人航空機').terms).toEqual(['ドローン', '無人航空機']);
  });

  it('allows 40 characters per term (after NFKC), not 41', () => {
    const forty = 'あ'.repeat(39) + 'い';
    expect(ok(`${forty}、短い語`).terms[0]).toHaveLength(40);
    expect(ok(`${'Ａ'.repeat(40)}、短い語`).terms[0]).toBe('A'.repeat(40));
    const [message] = errorsOf(`${'あ'.repeat(41)}、短い語`).terms!;
    expect(message).toContain('41文字');
    expect(message).toContain('40文字以内');
    // Characters outside the BMP count as one each.
    expect(ok(`${'𠮷'.repeat(40)}、短い語`).terms).toHaveLength(2);
  });

  it('refuses a term that belongs to another group and names that group', () => {
    const errors = errorsOf('デジタル化、電子化').terms!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('「デジタル化」');
    expect(errors[0]).toContain('No.1（DX、デジタル化、デジタルトランスフォーメーション、デジタル変革…）');
    // Matching is by the search key: ｄｘ is DX.
    expect(errorsOf('ｄｘ、電子化').terms![0]).toContain('No.1');
    expect(errorsOf('空家、空き屋').terms![0]).toContain('No.7（空き家、空家）');
  });

  it('lets a group keep its own terms when it is edited', () => {
    expect(ok('空き家、空家、空き屋', '', 7).terms).toEqual(['空き家', '空家', '空き屋']);
    expect(errorsOf('空き家、DX', '', 7).terms![0]).toContain('No.1');
  });

  it('refuses control and invisible characters and terms of symbols only', () => {
    expect(errorsOf('農泊\u202e、農家民宿').terms![0]).toContain('使用できない文字');
    expect(errorsOf('農泊\u200b、農家民宿').terms![0]).toContain('使用できない文字');
    expect(errorsOf('農泊、!!!').terms![0]).toContain('記号だけ');
  });

  it('reports every problem, but a long paste gets a short list', () => {
    const many = Array.from({ length: 60 }, (_, i) => `${'語'.repeat(41)}${i}`).join('\n');
    const errors = errorsOf(many).terms!;
    expect(errors[0]).toContain('50語まで');
    expect(errors.at(-1)).toBe('ほかに55件の問題があります。');
    expect(errors).toHaveLength(7);
  });

  it('limits the note to 200 characters and refuses control characters in it', () => {
    expect(ok('農泊、農家民宿', 'メ'.repeat(200)).note).toHaveLength(200);
    expect(errorsOf('農泊、農家民宿', 'メ'.repeat(201)).note![0]).toContain('200文字以内');
    expect(errorsOf('農泊、農家民宿', '理由\u0007').note![0]).toContain('使用できない文字');
    expect(ok('農泊、農家民宿', '1行目\n2行目').note).toBe('1行目\n2行目');
  });

  it('reports terms and note together', () => {
    const errors = errorsOf('農泊', 'メ'.repeat(201));
    expect(Object.keys(errors).sort()).toEqual(['note', 'terms']);
  });
});

describe('sameGroup', () => {
  it('compares terms in order and the note', () => {
    expect(sameGroup({ terms: ['a', 'b'], note: null }, { terms: ['a', 'b'], note: null })).toBe(true);
    expect(sameGroup({ terms: ['a', 'b'], note: null }, { terms: ['b', 'a'], note: null })).toBe(false);
    expect(sameGroup({ terms: ['a', 'b'], note: 'x' }, { terms: ['a', 'b'], note: null })).toBe(false);
  });
});

describe("policy: 'admin.synonyms' and 'admin.index'", () => {
  const user = (role: Role, status: OrganisationStatus = 'approved'): SessionUser => ({
    id: `u-${role}`, email: `${role}@example.jp`, name: role, role, orgRole: 'owner', organisationId: role,
    organisation: { id: role, kind: role, status, name: role, slug: role, lgCode: null, headOfficeLgCode: null, companyClass: null },
    employment: null, totpEnabled: false,
  });

  it.each(['admin.synonyms', 'admin.index'] as const)('%s: operators only', (action) => {
    expect(can(user('operator'), action)).toBe(true);
    for (const role of ['municipality', 'company', 'individual', 'ministry'] as const) expect(can(user(role), action)).toBe(false);
    expect(can(null, action)).toBe(false);
    expect(can(user('operator', 'suspended'), action)).toBe(false);
  });
});
