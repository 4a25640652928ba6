import type { Kysely } from 'kysely';
import { CATEGORIES } from '../../app/domain/listings/categories';
import type { MatchListing, SolutionParty } from '../../app/domain/matching';
import type { Municipality } from '../../app/domain/eligibility/types';
import { createDb, type DbHandle } from '../../db/client';
import type { Database } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../../db/municipalities/import';
import type { CorpusLine } from '../../search/corpus';
import { loadDictionary } from '../../search/load-dictionary';
import { analyseAll } from '../../search/match-text';
import { municipalityReference } from '../../app/services/municipalities.server';

/** A fresh in-memory database with the schema, the synonym table and the municipality master. */
export async function openEvalDb(): Promise<DbHandle> {
  const handle = await createDb({ memory: true });
  await migrateToLatest(handle.db);
  await importMunicipalities(handle.db, await readMunicipalityMaster());
  return handle;
}

/** 「民生（子供子育て・福祉・災害対応等）」 → welfare: the corpus writes the ministry's labels in full. */
export function categoryIdOf(label: string): string | null {
  return CATEGORIES.find((c) => label.startsWith(c.label))?.id ?? null;
}

/**
 * The corpus as the engine sees it, with eligibility as the app applies it: a need's municipality
 * from the master; a solution's prefecture stands for its head office — a company of class A in the
 * eleven metropolitan prefectures, otherwise of class B with its head office in the prefecture's
 * 県庁所在市. A solution offering only シニア型 is a retiree of such a company.
 */
export async function matchCorpus(db: Kysely<Database>, lines: CorpusLine[], publishedAt = new Date('2026-04-01T00:00:00Z')) {
  const [dict, ref] = await Promise.all([loadDictionary(db), municipalityReference(db)]);
  const byName = new Map(ref.list.map((m) => [`${m.prefName}/${m.name}`, m]));
  const prefCodeOf = new Map(ref.list.map((m) => [m.prefName, m.prefCode]));
  const hqOf = new Map<string, Municipality>();
  for (const m of ref.list) if (m.kencho && !hqOf.has(m.prefCode)) hqOf.set(m.prefCode, m);

  const texts = analyseAll(lines.map((l) => ({ title: l.title, skills: l.skills, body: l.body })), dict);
  const listings: MatchListing[] = lines.map((l, i) => {
    const prefCode = l.prefecture ? (prefCodeOf.get(l.prefecture) ?? null) : null;
    const category = categoryIdOf(l.category);
    const term = l.term_months ?? null;
    const base: MatchListing = {
      id: l.id,
      kind: l.kind === 'need' ? 'opening' : 'solution',
      title: l.title,
      categories: category ? [category] : [],
      types: l.types,
      termMinMonths: term ?? 6,
      termMaxMonths: term ?? 36,
      startFrom: null,
      remoteOk: l.remote_ok,
      prefCode,
      regionPrefCodes: [],
      regionAnywhere: false,
      publishedAt,
      text: texts[i],
    };
    if (l.kind === 'need') return { ...base, municipality: (l.prefecture && l.municipality && byName.get(`${l.prefecture}/${l.municipality}`)) || null };
    const hq = prefCode ? (hqOf.get(prefCode) ?? null) : null;
    const companyTypes = l.types.includes('dispatch') || l.types.includes('side_job');
    const party: SolutionParty = companyTypes ? { kind: 'company', hq } : { kind: 'individual', track: 'senior', employerHq: hq };
    return { ...base, party };
  });
  return { needs: listings.filter((l) => l.kind === 'opening'), solutions: listings.filter((l) => l.kind === 'solution') };
}
