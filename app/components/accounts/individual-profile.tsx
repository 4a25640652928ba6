import { availabilityText, careerPeriod, ONSITE_FREQUENCY_LABELS, type CareerEntry, type OnsiteFrequency } from '../../domain/accounts/profile';
import { formatWareki } from '../../utils/dates';

export type IndividualProfileProps = {
  name: string;
  profile: {
    residence: string | null;
    skills: string;
    careers: CareerEntry[];
    daysPerMonth: number | null;
    hoursPerMonth: number | null;
    onsiteFrequency: OnsiteFrequency | null;
    availableFrom: string | null;
    photo: string | null;
  };
};

/** What a municipality reads about an individual before a scout (shown only to signed-in readers allowed to see it). */
export function IndividualProfile({ name, profile: p }: IndividualProfileProps) {
  const availability = availabilityText(p.daysPerMonth, p.hoursPerMonth);
  return (
    <section aria-labelledby="individual-profile-title" className="card space-y-4" data-testid="individual-profile">
      <h2 id="individual-profile-title" className="text-xl font-bold">
        プロフィール
      </h2>
      <div className="flex flex-wrap items-start gap-6">
        {p.photo ? <img src={p.photo} alt={`${name}さんの写真`} width={120} height={120} className="rounded-lg" /> : null}
        <dl className="grid flex-1 gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
          {p.residence ? (
            <>
              <dt className="font-bold">お住まい</dt>
              <dd>{p.residence}</dd>
            </>
          ) : null}
          {availability ? (
            <>
              <dt className="font-bold">稼働できる時間</dt>
              <dd>{availability}</dd>
            </>
          ) : null}
          {p.onsiteFrequency ? (
            <>
              <dt className="font-bold">現地に行ける頻度</dt>
              <dd>{ONSITE_FREQUENCY_LABELS[p.onsiteFrequency]}</dd>
            </>
          ) : null}
          {p.availableFrom ? (
            <>
              <dt className="font-bold">開始できる日</dt>
              <dd>{formatWareki(p.availableFrom)}から</dd>
            </>
          ) : null}
          {p.skills ? (
            <>
              <dt className="font-bold">スキル・得意分野</dt>
              <dd className="whitespace-pre-wrap">{p.skills}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {p.careers.length ? (
        <>
          <h3 className="text-lg font-bold">職歴</h3>
          <ul className="space-y-1">
            {p.careers.map((c, i) => (
              <li key={i}>
                {careerPeriod(c)}{'\u3000'}{c.employer}
                {c.role ? `（${c.role}）` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
