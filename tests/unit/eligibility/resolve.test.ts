import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPairing, resolveMunicipality, type Municipality, type Resolution } from '../../../app/domain/eligibility';
import { master, wards } from './master';

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

describe('resolveMunicipality: wards of a 政令市 and kana without 市町村', () => {
  const found = (query: string) => {
    const r = resolveMunicipality(query, master);
    return r.status === 'found' ? { city: r.municipality.lgCode, ward: r.ward ?? null } : { status: r.status };
  };

  it.each([
    ['大阪府大阪市北区', '271004', { lgCode: '271276', name: '北区' }],
    ['大阪市北区', '271004', { lgCode: '271276', name: '北区' }],
    ['大阪市　北区', '271004', { lgCode: '271276', name: '北区' }],
    ['名古屋市中区', '231002', { lgCode: '231061', name: '中区' }],
    ['愛知県名古屋市中区', '231002', { lgCode: '231061', name: '中区' }],
    ['京都府京都市北区', '261009', { lgCode: '261017', name: '北区' }],
    ['北海道札幌市中央区', '011002', { lgCode: '011011', name: '中央区' }],
    ['おおさかしきたく', '271004', { lgCode: '271276', name: '北区' }],
    ['271276', '271004', { lgCode: '271276', name: '北区' }],
    ['27127', '271004', { lgCode: '271276', name: '北区' }],
    // 浜松市 since 2024-01-01: 中央区・浜名区・天竜区; the seven former wards still name the city
    ['浜松市中央区', '221309', { lgCode: '221384', name: '中央区' }],
    ['浜松市天竜区', '221309', { lgCode: '221406', name: '天竜区' }],
    ['静岡県浜松市中区', '221309', { lgCode: '221317', name: '中区' }],
  ])('%s → its city %s, the ward kept', (query, city, ward) => {
    expect(found(query)).toEqual({ city, ward });
  });

  it('a bare ward name is a 特別区 or nothing, never a guess among the 政令市', () => {
    expect(found('北区')).toEqual({ city: '131172', ward: null });
    expect(found('中区')).toEqual({ status: 'not_found' });
    expect(found('大阪市南区')).toEqual({ status: 'not_found' });
  });

  it.each([
    ['にせこ', 'found', ['013951']],
    ['ニセコ', 'found', ['013951']],
    ['にせこちょう', 'found', ['013951']],
    ['だて', 'ambiguous', ['012335', '072133']],
    ['北海道だて', 'found', ['012335']],
    ['はこね', 'found', ['143821']],
  ] as const)('kana without 市町村: %s → %s', (query, status, codes) => {
    expect(summary(resolveMunicipality(query, master))).toEqual({ status, codes });
  });

  it('every ward of the list resolves to its city, by name with its prefecture, by kana and by code', () => {
    expect(wards.filter((w) => w.abolished === null)).toHaveLength(171);
    const cities = new Map(master.map((m) => [m.lgCode, m]));
    for (const w of wards) {
      const city = cities.get(w.cityLgCode)!;
      expect(city.seirei).toBe(true);
      const expected = { city: city.lgCode, ward: { lgCode: w.lgCode, name: w.name } };
      expect(found(w.lgCode)).toEqual(expected);
      const current = wards.find((o) => o.cityLgCode === w.cityLgCode && o.name === w.name && o.abolished === null) ?? w;
      const byName = { city: city.lgCode, ward: { lgCode: current.lgCode, name: w.name } };
      expect(found(`${city.prefName}${city.name}${w.name}`)).toEqual(byName);
      expect(found(`${city.name} ${w.name}`)).toEqual(byName);
      expect(found(`${city.nameKana}${w.nameKana}`)).toEqual(byName);
    }
  });

  it('a ward gives the class and the verdict of its city', () => {
    for (const [ward, city] of [['大阪府大阪市北区', '271004'], ['名古屋市中区', '231002'], ['札幌市中央区', '011002'], ['福岡市博多区', '401307']]) {
      for (const type of ['dispatch', 'side_job'] as const) {
        const byWard = checkPairing({ municipality: '012335', companyHq: ward, type }, master, 2026);
        const byCity = checkPairing({ municipality: '012335', companyHq: city, type }, master, 2026);
        expect(byWard.ok && byCity.ok).toBe(true);
        if (!byWard.ok || !byCity.ok) continue;
        expect(byWard.result).toEqual(byCity.result);
        expect(byWard.companyHq).toEqual({ ...byCity.companyHq, ward: expect.objectContaining({ name: expect.stringMatching(/区$/) }) });
      }
    }
    const osaka = checkPairing({ municipality: '012335', companyHq: '大阪府大阪市北区', type: 'dispatch' }, master, 2026);
    expect(osaka.ok && osaka.result.companyClass).toBe('A');
    const sapporo = checkPairing({ municipality: '072133', companyHq: '札幌市中央区', type: 'dispatch' }, master, 2026);
    expect(sapporo.ok && sapporo.result.companyClass).toBe('B');
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
