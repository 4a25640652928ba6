import { ROLE_LABELS, type Role } from './types';

/*
 * How a person and their organisation are named together. An individual's organisation carries the
 * person's own name, and the ministry's organisation name starts with 「総務省」, so naming both parts
 * side by side would say the same thing twice (「佐藤 遥・佐藤 遥」, 「総務省・総務省 地域力創造グループ」).
 */

const same = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** The organisation and the person within it: 「海士町・山田 花子」, but 「佐藤 遥」 when both are the one person. */
export function organisationAndPerson(organisationName: string | null | undefined, personName: string | null | undefined): string {
  const org = organisationName?.trim() ?? '';
  const person = personName?.trim() ?? '';
  if (!org || !person) return org || person;
  return same(org, person) ? org : `${org}・${person}`;
}

/**
 * The account's kind and organisation, as the header shows it after the name: 「自治体・海士町」;
 * 「総務省 地域力創造グループ」 (the organisation already says 総務省); 「個人」 for an individual, whose
 * organisation is the person.
 */
export function roleAndOrganisation(role: Role, organisationName: string, personName: string): string {
  const label = ROLE_LABELS[role];
  const org = organisationName.trim();
  if (!org || same(org, personName)) return label;
  if (org.replace(/\s+/g, '').startsWith(label)) return org;
  return `${label}・${org}`;
}
