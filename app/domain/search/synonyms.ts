/*
 * Rules for the synonym groups operators edit at /admin/synonyms. A group is a set of words the
 * search treats as one (DX ≡ デジタル化). Pure: the caller passes the groups already stored and the
 * search engine's own normalisation (search/text.ts `normalize`: NFKC, lower case, katakana as
 * hiragana), so two words the search cannot tell apart count as the same word here too.
 */

export const SYNONYM_TERM_MAX = 40;
export const SYNONYM_TERMS_MAX = 50;
export const SYNONYM_NOTE_MAX = 200;

export type SynonymGroupInput = { terms: string; note: string };
export type SynonymGroup = { id: number; terms: readonly string[] };
export type SynonymErrors = { terms?: string[]; note?: string[] };
export type ValidSynonymGroup = { terms: string[]; note: string | null };

/** How the search engine looks a word up; words with the same key are one word to it. */
export type TermKey = (term: string) => string;

// After NFKC, the full-width comma is "," and the half-width ideographic comma is "、".
const SEPARATORS = /[、,\r\n]+/;
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;
const MEANINGFUL = /[\p{L}\p{N}]/u;
const MAX_MESSAGES = 5;

/** The terms as typed, split at 、 , ， and line breaks, NFKC-normalised and trimmed; empty pieces dropped. */
export function splitTerms(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(SEPARATORS)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The terms as one line for display and for the edit form (one per line). */
export const joinTerms = (terms: readonly string[], separator = '\n') => terms.join(separator);

const groupLabel = (g: SynonymGroup) => {
  const shown = g.terms.slice(0, 4).join('、');
  return `No.${g.id}（${shown}${g.terms.length > 4 ? '…' : ''}）`;
};

/**
 * Checks a group before it is stored: at least two different terms, each at most 40 characters,
 * none already in another group (the message names that group); the note is optional.
 * `selfId` is the group being edited (its own terms do not conflict).
 */
export function validateSynonymGroup(
  input: SynonymGroupInput,
  existing: readonly SynonymGroup[],
  opts: { key: TermKey; selfId?: number },
): { ok: true; value: ValidSynonymGroup } | { ok: false; errors: SynonymErrors } {
  const synonymKey = (term: string) => opts.key(term.trim());
  const selfId = opts.selfId;
  const errors: SynonymErrors = {};
  const typed = splitTerms(input.terms);
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const term of typed) {
    const key = synonymKey(term);
    if (seen.has(key)) continue; // the same word twice (ＤＸ and dx) is kept once
    seen.add(key);
    terms.push(term);
  }

  const termErrors: string[] = [];
  if (terms.length === 0) termErrors.push('同じ意味として扱う語を2つ以上入力してください。');
  else if (terms.length === 1 && typed.length > 1)
    termErrors.push('異なる語を2つ以上入力してください（全角・半角、大文字・小文字、ひらがな・カタカナの違いだけの語は同じ語とみなします）。');
  else if (terms.length === 1) termErrors.push(`「${[...terms[0]].slice(0, SYNONYM_TERM_MAX).join('')}」と同じ意味として扱う語を、もう1つ以上入力してください。`);
  if (terms.length > SYNONYM_TERMS_MAX) termErrors.push(`1つのグループに登録できる語は${SYNONYM_TERMS_MAX}語までです（${terms.length}語あります）。`);

  const perTerm: string[] = [];
  for (const term of terms) {
    const length = [...term].length;
    if (length > SYNONYM_TERM_MAX) perTerm.push(`「${[...term].slice(0, 20).join('')}…」は${length}文字です。1語は${SYNONYM_TERM_MAX}文字以内にしてください。`);
    else if (FORBIDDEN.test(term)) perTerm.push(`「${term.replace(new RegExp(FORBIDDEN, 'gu'), '')}」に使用できない文字（制御文字など）が含まれています。`);
    else if (!MEANINGFUL.test(term)) perTerm.push(`「${term}」は記号だけなので検索に使えません。文字か数字を含めてください。`);
  }

  const owner = new Map<string, SynonymGroup>();
  for (const g of existing) {
    if (g.id === selfId) continue;
    for (const t of g.terms) if (!owner.has(synonymKey(t))) owner.set(synonymKey(t), g);
  }
  for (const term of terms) {
    const other = owner.get(synonymKey(term));
    if (other) perTerm.push(`「${term}」は既に同義語グループ ${groupLabel(other)}に登録されています。1つの語は1つのグループにしか入れられません。`);
  }
  // A long paste with many bad words gets a readable list, not hundreds of lines.
  termErrors.push(...perTerm.slice(0, MAX_MESSAGES));
  if (perTerm.length > MAX_MESSAGES) termErrors.push(`ほかに${perTerm.length - MAX_MESSAGES}件の問題があります。`);
  if (termErrors.length) errors.terms = termErrors;

  const note = input.note.normalize('NFKC').trim();
  if ([...note].length > SYNONYM_NOTE_MAX) errors.note = [`メモは${SYNONYM_NOTE_MAX}文字以内にしてください（${[...note].length}文字あります）。`];
  else if (/[\p{Cc}\p{Cf}]/u.test(note.replace(/[\r\n\t]/g, ''))) errors.note = ['メモに使用できない文字（制御文字など）が含まれています。'];

  if (errors.terms || errors.note) return { ok: false, errors };
  return { ok: true, value: { terms, note: note || null } };
}

/** True when the stored group already has exactly these terms (in order) and this note. */
export function sameGroup(a: { terms: readonly string[]; note: string | null }, b: ValidSynonymGroup) {
  return a.note === b.note && a.terms.length === b.terms.length && a.terms.every((t, i) => t === b.terms[i]);
}
