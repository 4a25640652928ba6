import { daysInMonth, parseIsoDate } from './dates';
import type { AgreementKind } from './draft';

/*
 * The first version of a draft, from what the platform already knows about the two organisations and
 * the listing. What it cannot know (addresses, the mayor's and the person's names) stays blank, so
 * the draft schema asks for it by name instead of the agreement carrying a guess.
 */

export interface PrefillFacts {
  kind: AgreementKind;
  /** the receiving municipality, from the municipality organisation's code and the master */
  municipality: { lgCode: string; prefecture: string; name: string; department: string | null } | null;
  /** the company (dispatch) or the individual (side job, senior) */
  partner: {
    name: string;
    /** company: head office; individual: (former) employer's head office */
    hqLgCode: string | null;
    /** 東京都千代田区: the start of an address, from the head office's municipality */
    hqPlace: string | null;
    employerName: string | null;
  };
  listing: {
    title: string;
    /** Markdown list of duties (openings); empty for solutions */
    duties: string;
    startFrom: string | null;
    termMinMonths: number;
    daysOnSite: number | null;
    /** yearly budget in yen (openings), if given */
    budgetMaxYen: number | null;
  };
  /** YYYY-MM-DD in Japan time */
  today: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function firstOfMonthAfter(iso: string, months: number): string {
  const { y, m } = parseIsoDate(iso);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** The last day of a term of `months` whole months starting on `start`. */
export function termEndAfter(start: string, months: number): string {
  const { y, m, d } = parseIsoDate(start);
  const index = y * 12 + (m - 1) + months;
  const ey = Math.floor(index / 12);
  const em = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(ey, em));
  const end = new Date(Date.UTC(ey, em - 1, day) - 86_400_000);
  return `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

/** 町 → 町長, 市 → 市長, 村 → 村長, 区 → 区長. */
export function mayorTitle(name: string): string {
  return /[市町村区]$/.test(name) ? `${name}長` : `${name}の長`;
}

function dutiesFrom(markdown: string, title: string): string[] {
  const items = markdown
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*・]|\d+[.)])\s*/, '').trim())
    .filter((l) => l !== '')
    .slice(0, 20);
  return items.length ? items : [`「${title}」に関する業務`];
}

const HANDLING: Record<'dispatch' | 'individual', { travel: string; housing: string; equipment: string }> = {
  dispatch: {
    travel: '甲の区域内での業務に係る移動の経費は甲が負担し、乙の事業所と甲の区域との往復に係る経費は乙が負担する。',
    housing: '乙の負担により、起業人が甲の区域内に居住する住居を確保する。甲は、住居の確保について情報の提供その他の協力を行う。',
    equipment: '業務に必要な机、電話その他の物品は甲が貸与し、業務用のパソコンは乙が用意する。',
  },
  individual: {
    travel: '甲の区域に来訪して業務を行うための旅費は、甲の旅費に関する規程に基づき実費を支払う。',
    housing: '甲の区域に滞在する間の宿泊先は、甲が手配する。',
    equipment: '業務に必要な物品は甲が貸与し、業務用のパソコンは乙が用意する。',
  },
};

/** The draft JSON of version 1 (possibly incomplete; the form shows what is missing). */
export function prefillDraft(f: PrefillFacts): Record<string, unknown> {
  const months = Math.min(36, Math.max(6, f.listing.termMinMonths || 12));
  const start = f.listing.startFrom && f.listing.startFrom > f.today ? f.listing.startFrom : firstOfMonthAfter(f.today, 2);
  const m = f.municipality;
  const place = m ? `${m.prefecture}${m.name}` : '';
  const dispatch = f.kind === 'dispatch';
  const onSite = f.listing.daysOnSite ?? (dispatch ? 16 : 1);
  const daysPerMonth = dispatch ? 20 : Math.max(4, Math.min(onSite, 20));

  const common = {
    kind: f.kind,
    version: 1,
    municipality: {
      lgCode: m?.lgCode ?? '',
      prefecture: m?.prefecture ?? '',
      name: m?.name ?? '',
      address: '',
      representative: { title: m ? mayorTitle(m.name) : '', name: '' },
      department: m?.department ?? '',
    },
    purpose: `「${f.listing.title}」の取組を通じて、${m?.name ?? '地域'}の課題の解決と地域の活性化を図ること`,
    duties: dutiesFrom(f.listing.duties, f.listing.title),
    placeOfWork: m ? `${place}の区域内で甲が指定する場所` : '',
    term: { start, end: termEndAfter(start, months) },
    workPattern: {
      daysPerMonth,
      hoursPerMonth: dispatch ? 155 : Math.max(20, daysPerMonth * 5),
      daysOnSitePerMonth: dispatch ? Math.min(20, Math.max(10, onSite)) : Math.max(1, Math.min(onSite, daysPerMonth)),
    },
    handling: HANDLING[dispatch ? 'dispatch' : 'individual'],
    reporting: { frequency: 'monthly' },
    results: { ipOwner: 'municipality' },
    specialProvisions: [],
  };
  const p = f.partner;
  const payment = { method: 'monthly', daysAfterInvoice: 30 };
  if (dispatch) {
    const monthly = f.listing.budgetMaxYen ? Math.floor(f.listing.budgetMaxYen / 12 / 1000) * 1000 : undefined;
    return {
      ...common,
      company: { name: p.name, address: p.hqPlace ?? '', representative: { title: '代表取締役', name: '' }, hqLgCode: p.hqLgCode ?? '' },
      person: { name: '', role: '地域活性化起業人', position: '' },
      amounts: { ...(monthly !== undefined ? { contributionMonthly: monthly } : {}), payment },
    };
  }
  const person = { name: p.name, address: '', role: '地域活性化起業人' };
  const amounts = { payment };
  if (f.kind === 'side_job') {
    return {
      ...common,
      person,
      employer: { name: p.employerName ?? '', address: p.hqPlace ?? '', hqLgCode: p.hqLgCode ?? '', approval: { obtained: false } },
      amounts,
    };
  }
  return { ...common, person, formerEmployer: { name: p.employerName ?? '', hqLgCode: p.hqLgCode ?? '' }, amounts };
}
