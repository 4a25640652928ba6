import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPairing, resolveMunicipality, type Municipality, type Resolution } from '../../../app/domain/eligibility';
import { master } from './master';

function summary(r: Resolution) {
  if (r.status === 'found') return { status: r.status, codes: [r.municipality.lgCode] };
  if (r.status === 'ambiguous') return { status: r.status, codes: r.candidates.map((m) => m.lgCode) };
  return { status: r.status, codes: [] };
}

// Half-width forms of every katakana that has one (ｶﾞ → ガ included), to write names as old systems do.
const HALF_WIDTH = new Map<string, string>();
for (let c = 0xff66; c <= 0xff9d; c += 1) {
  const half = String.fromCharCode(c);
  HALF_WIDTH.set(half.normalize('NFKC'), half);
  for (const mark of ['\uff9e', '\uff9f']) {
    const full = (half + mark).normalize('NFKC');
    if (full.length === 1) HALF_WIDTH.set(full, half + mark);
  }
}
const FULL_WIDTH_ASCII = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The same text in another notation: spaces (half, full-width, tabs) anywhere, half-width kana, full-width ASCII. */
const notation = (text: string) =>
  fc
    .record({
      spaces: fc.array(fc.tuple(fc.nat({ max: text.length }), fc.constantFrom(' ', '\u3000', '  ', '\t')), { maxLength: 4 }),
      halfKana: fc.boolean(),
      fullAscii: fc.boolean(),
    })
    .map(({ spaces, halfKana, fullAscii }) => {
      // spaces go between characters, never inside one (ﾌﾟ is a single プ)
      const chars = [...text];
      for (const [at, space] of [...spaces].sort((a, b) => b[0] - a[0])) chars.splice(Math.min(at, chars.length), 0, space);
      let out = chars.join('');
      if (halfKana) out = [...out].map((c) => HALF_WIDTH.get(c) ?? c).join('');
      if (fullAscii) out = FULL_WIDTH_ASCII(out);
      return out;
    });

const anyMunicipality = fc.constantFrom(...master);

describe('resolveMunicipality: examples', () => {
  it.each([
    ['北海道 伊達市', 'found', ['012335']],
    ['北海道伊達市', 'found', ['012335']],
    ['福島県　伊達市', 'found', ['072133']],
    ['伊達市', 'ambiguous', ['012335', '072133']],
    ['府中市', 'ambiguous', ['132063', '342084']],
    ['東京都 府中市', 'found', ['132063']],
    ['広島 府中市', 'found', ['342084']],
    ['千代田区', 'found', ['131016']],
    ['さっぽろし', 'found', ['011002']],
    ['サッポロシ', 'found', ['011002']],
    ['横浜', 'ambiguous', ['024066', '141003']],
    ['京都市', 'found', ['261009']],
    ['京都府京都市', 'found', ['261009']],
    ['茅ケ崎市', 'found', ['142077']],
    ['龍ヶ崎市', 'found', ['082082']],
    ['ﾆｾｺ町', 'found', ['013951']],
    ['011002', 'found', ['011002']],
    ['01100', 'found', ['011002']],
    ['０１１００２', 'found', ['011002']],
    [' 131016 ', 'found', ['131016']],
    ['011003', 'not_found', []],
    ['999999', 'not_found', []],
    ['1234', 'not_found', []],
    ['存在しない市', 'not_found', []],
    ['', 'not_found', []],
    ['北海道', 'not_found', []],
  ] as const)('%s → %s', (query, status, codes) => {
    expect(summary(resolveMunicipality(query, master))).toEqual({ status, codes });
  });

  it('lists every candidate of an ambiguous name in its message', () => {
    const r = resolveMunicipality('府中市', master);
    expect(r.status).toBe('ambiguous');
    if (r.status !== 'ambiguous') return;
    expect(r.message_ja).toBe(
      '「府中市」に該当する市区町村が2件あります（東京都府中市（132063）、広島県府中市（342084））。都道府県名を付けるか、全国地方公共団体コードで指定してください',
    );
  });

  it('explains a wrong check digit and suggests the right code', () => {
    const r = resolveMunicipality('011003', master);
    expect(r.status === 'not_found' && r.message_ja).toBe('全国地方公共団体コード「011003」の検査数字（6桁目）が正しくありません（011002 ではありませんか）');
  });

  it('suggests near names for an unknown one', () => {
    const r = resolveMunicipality('伊達町', master);
    expect(r.status).toBe('not_found');
    if (r.status !== 'not_found') return;
    expect(r.suggestions.map((m) => m.lgCode)).toEqual(['012335', '072133']);
    expect(r.message_ja).toContain('候補：北海道伊達市（012335）');
  });
});

describe('resolveMunicipality: properties', () => {
  it('「都道府県名 + 名前」 is unique and always finds the municipality', () => {
    const seen = new Set(master.map((m) => `${m.prefName}${m.name}`));
    expect(seen.size).toBe(master.length);
    for (const m of master) expect(summary(resolveMunicipality(`${m.prefName} ${m.name}`, master))).toEqual({ status: 'found', codes: [m.lgCode] });
  });

  it('the code, with or without its check digit, always finds the municipality', () => {
    for (const m of master) {
      expect(summary(resolveMunicipality(m.lgCode, master)).codes).toEqual([m.lgCode]);
      expect(summary(resolveMunicipality(m.lgCode.slice(0, 5), master)).codes).toEqual([m.lgCode]);
    }
  });

  it('a name alone is found when unique, and ambiguous with every bearer otherwise', () => {
    const bearers = new Map<string, Municipality[]>();
    for (const m of master) bearers.set(m.name, [...(bearers.get(m.name) ?? []), m]);
    for (const [name, ms] of bearers) {
      const r = summary(resolveMunicipality(name, master));
      expect(r).toEqual({ status: ms.length === 1 ? 'found' : 'ambiguous', codes: ms.map((m) => m.lgCode).sort() });
    }
  });

  it('the answer never depends on notation: spaces, full-width, half-width kana, with or without prefecture', () => {
    fc.assert(
      fc.property(
        anyMunicipality.chain((m) => fc.tuple(fc.constant(m), fc.boolean()).chain(([m, withPref]) => {
          const text = withPref ? `${m.prefName}${m.name}` : m.name;
          return fc.tuple(fc.constant(text), notation(text));
        })),
        ([plain, noisy]) => {
          expect(summary(resolveMunicipality(noisy, master))).toEqual(summary(resolveMunicipality(plain, master)));
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 2000) },
    );
  });

  it('codes in any notation give the same municipality', () => {
    fc.assert(
      fc.property(anyMunicipality.chain((m) => fc.tuple(fc.constant(m), notation(m.lgCode))), ([m, noisy]) => {
        expect(summary(resolveMunicipality(noisy, master)).codes).toEqual([m.lgCode]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it('a pairing checked by noisy names gets the same verdict as by codes', () => {
    fc.assert(
      fc.property(
        anyMunicipality.chain((m) => fc.tuple(fc.constant(m), notation(`${m.prefName}${m.name}`))),
        anyMunicipality.chain((m) => fc.tuple(fc.constant(m), notation(`${m.prefName} ${m.name}`))),
        fc.constantFrom('dispatch', 'side_job', 'senior'),
        ([receiver, receiverText], [hq, hqText], type) => {
          const byCode = checkPairing({ municipality: receiver.lgCode, companyHq: hq.lgCode, type }, master, 2026);
          const byName = checkPairing({ municipality: receiverText, companyHq: hqText, type }, master, 2026);
          expect(byName).toEqual(byCode);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});

describe('checkPairing', () => {
  it('reports every input problem at once, with candidates', () => {
    const outcome = checkPairing({ municipality: '府中市', companyHq: '存在しない区', type: 'other', fy: '20x6' }, master, 2026);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(['companyHq:not_found', 'fy:invalid', 'municipality:ambiguous', 'type:invalid']);
    expect(outcome.errors.find((e) => e.field === 'municipality')?.candidates?.map((c) => c.lgCode)).toEqual(['132063', '342084']);
  });

  it('needs a head office unless the person is a freelancer', () => {
    const missing = checkPairing({ municipality: '北海道伊達市', type: 'dispatch' }, master, 2026);
    expect(missing.ok === false && missing.errors).toEqual([{ field: 'companyHq', code: 'required', message_ja: '企業の本社所在地を入力してください' }]);
    const freelance = checkPairing({ municipality: '北海道伊達市', type: 'side_job', employment: 'freelance' }, master, 2026);
    expect(freelance.ok && freelance.result.reasons.map((r) => r.code)).toEqual(['freelance_not_eligible']);
  });

  it('takes the type as the default employment and the fiscal year given', () => {
    const senior = checkPairing({ municipality: '北海道伊達市', companyHq: '131016', type: 'senior', fy: '2025' }, master, 2026);
    expect(senior.ok && { employment: senior.employment, eligible: senior.result.eligible, ruleVersion: senior.result.ruleVersion }).toEqual({
      employment: 'retired',
      eligible: true,
      ruleVersion: 'fy2025',
    });
    const early = checkPairing({ municipality: '北海道伊達市', companyHq: '131016', type: 'senior', fy: '2020' }, master, 2026);
    expect(early.ok === false && early.errors[0]).toMatchObject({ field: 'fy', code: 'no_rules' });
  });
});
