import type { AgreementTemplate, ArticleTemplate } from '../template';
import {
  consultationArticle,
  dutiesArticle,
  handlingArticle,
  LABELS,
  MUNICIPALITY_SIGNATORY,
  personalInformationArticle,
  reportingArticle,
  resultsArticle,
  specialProvisionsArticle,
} from './shared';

// 副業型 and シニア型 are both contracts between the municipality and an individual; they differ in the
// person's tie to the company (in employment with its approval, or retired from it).

const purpose: ArticleTemplate = {
  key: 'purpose',
  heading: '目的',
  paragraphs: [{ text: 'この契約は、乙が有する専門的な知識及び経験を活かし、{{purpose}}を目的とする。' }],
};

const appointment: ArticleTemplate = {
  key: 'appointment',
  heading: '地域活性化起業人',
  paragraphs: [{ text: '甲は、乙を地域活性化起業人として委嘱し、{{person.role}}として業務に従事させる。' }],
};

const placeOfWork: ArticleTemplate = {
  key: 'placeOfWork',
  heading: '業務の実施場所及び方法',
  paragraphs: [
    { text: '乙は、{{placeOfWork}}において業務を行うほか、甲が認めるときは、情報通信技術を活用して甲の区域外から業務を行うことができる。' },
    { text: '乙は、甲の区域外から業務を行うときは、甲の情報セキュリティに関する定めを遵守しなければならない。' },
  ],
};

const term: ArticleTemplate = {
  key: 'term',
  heading: '契約期間',
  paragraphs: [
    { text: 'この契約の期間は、{{term.start|wareki}}から{{term.end|wareki}}まで（{{derived.termLength}}）とする。' },
    { text: '甲及び乙は、協議の上、契約期間を更新することができる。ただし、更新後の期間は、通算して3年を超えないものとする。' },
  ],
};

const workPattern: ArticleTemplate = {
  key: 'workPattern',
  heading: '業務日数及び業務時間',
  paragraphs: [
    {
      text: '乙が業務に従事する日数は1月当たり{{workPattern.daysPerMonth|num}}日、時間は1月当たり{{workPattern.hoursPerMonth|num}}時間とし、そのうち1月当たり{{workPattern.daysOnSitePerMonth|num}}日は、甲の区域内に滞在して業務に従事するものとする。',
    },
    { text: '前項の日数及び時間は、各月において、4日以上かつ20時間以上とし、甲の区域内に滞在して業務に従事する日は1日以上とする。' },
  ],
};

function service(extra: string): ArticleTemplate {
  return {
    key: 'service',
    heading: '服務',
    paragraphs: [
      { text: '乙は、業務の遂行に当たっては、甲の指示に従うとともに、法令及び甲の規則等を遵守し、甲の信用を傷つける行為をしてはならない。' },
      { text: extra },
    ],
  };
}

const reward: ArticleTemplate = {
  key: 'reward',
  heading: '報償費',
  paragraphs: [
    { text: '甲は、乙に対し、業務の対価として報償費を支払う。' },
    { text: '報償費の額は、月額金{{amounts.rewardMonthly|num}}円とする。ただし、1月に満たない期間の報償費の額は、業務に従事した日数に応じて甲が算定した額とする。' },
    { text: '甲は、報償費の支払に当たり、所得税法（昭和40年法律第33号）その他の法令の定めるところにより源泉徴収を行う。' },
  ],
};

const travel: ArticleTemplate = {
  key: 'travel',
  heading: '旅費',
  paragraphs: [
    {
      text: '甲は、乙が業務のため甲の区域内に移動し、又は滞在するときは、甲の職員の旅費に関する定めに準じて算定した旅費を、各年度金{{amounts.travelAnnualLimit|num}}円の範囲内で支給する。',
    },
  ],
};

const payment: ArticleTemplate = {
  key: 'payment',
  heading: '請求及び支払',
  paragraphs: [
    { text: '乙は、{{amounts.payment.method|label}}、当該期間に係る報償費及び旅費を甲に請求するものとする。' },
    { text: '甲は、前項の規定による適法な請求を受けた日から{{amounts.payment.daysAfterInvoice|num}}日以内に、乙の指定する口座に振り込む方法により支払うものとする。' },
  ],
};

function confidentiality(extra: string): ArticleTemplate {
  return {
    key: 'confidentiality',
    heading: '秘密の保持',
    paragraphs: [
      { text: '乙は、この契約に基づく業務の遂行により知り得た秘密を他に漏らし、又は業務の目的以外に使用してはならない。この契約が終了した後も、同様とする。' },
      { text: extra },
    ],
  };
}

const accidents: ArticleTemplate = {
  key: 'accidents',
  heading: '事故及び損害',
  paragraphs: [
    { text: '甲は、乙が業務の遂行中又は業務のための移動中に被った災害に備え、甲の負担により傷害保険に加入するものとする。' },
    { text: '乙が業務の遂行に当たり甲又は第三者に損害を与えたときの負担は、甲乙協議の上、定める。ただし、乙の故意又は重大な過失によるものは、乙の負担とする。' },
  ],
};

function termination(extraItem: string): ArticleTemplate {
  return {
    key: 'termination',
    heading: '契約の解除',
    paragraphs: [
      {
        text: '甲は、乙が次のいずれかに該当するときは、この契約を解除することができる。',
        items: ['この契約に違反し、相当の期間を定めて催告してもなお履行しないとき。', '心身の故障その他の事由により、業務の遂行が困難となったとき。', extraItem],
      },
      { text: '甲又は乙は、やむを得ない事由があるときは、30日前までに書面で相手方に通知することにより、この契約を解除することができる。' },
      { text: '前2項の規定によりこの契約を解除したときは、報償費は、解除の日までに業務に従事した日数に応じて算定する。' },
    ],
  };
}

/** 副業型の契約書（令和8年度版）. */
export const sideJobFy2026: AgreementTemplate = {
  id: 'side_job-fy2026',
  kind: 'side_job',
  fiscalYear: 2026,
  documentType: '契約書',
  title: '地域活性化起業人（副業型）に関する契約書',
  preamble:
    '{{municipality.name}}（以下「甲」という。）と{{person.name}}（以下「乙」という。）とは、地域活性化起業人制度（副業型）に基づき、乙が{{employer.name}}（以下「勤務先」という。）に在籍したまま甲の地域における地域活性化の業務に従事することについて、次のとおり契約を締結する。',
  articles: [
    purpose,
    appointment,
    {
      key: 'employerApproval',
      heading: '勤務先の承認',
      paragraphs: [
        { text: '乙は、この契約に基づく業務に従事することについて、勤務先の就業規則等に基づく承認を得た上で、その承認を証する書面の写しを甲に提出するものとする。' },
        { when: 'employer.approval.date', text: '甲は、勤務先が{{employer.approval.date|wareki}}付けで前項の承認をしたことを確認した。' },
        { text: '乙は、第1項の承認が取り消されたとき、又は勤務先を退職したときは、直ちにその旨を甲に通知しなければならない。' },
      ],
    },
    dutiesArticle('乙'),
    placeOfWork,
    term,
    workPattern,
    service('乙は、業務の遂行に当たり、勤務先その他特定の者の営業活動又は利益を図ることを目的とする行為をしてはならない。'),
    reportingArticle('乙'),
    reward,
    travel,
    payment,
    handlingArticle('乙'),
    confidentiality('乙は、前項の秘密を、勤務先を含む第三者に開示してはならない。'),
    personalInformationArticle('乙'),
    resultsArticle('乙'),
    accidents,
    termination('勤務先の承認が取り消され、又は勤務先を退職したとき。'),
    specialProvisionsArticle,
    consultationArticle,
  ],
  closing: 'この契約の締結を証するため、本書2通を作成し、甲乙記名押印の上、各自1通を保有する。',
  signatories: [MUNICIPALITY_SIGNATORY, { role: '乙', lines: ['{{person.address}}', '{{person.name}}'] }],
  labels: LABELS,
};

/** シニア型の契約書（令和8年度版）. */
export const seniorFy2026: AgreementTemplate = {
  id: 'senior-fy2026',
  kind: 'senior',
  fiscalYear: 2026,
  documentType: '契約書',
  title: '地域活性化起業人（シニア型）に関する契約書',
  preamble:
    '{{municipality.name}}（以下「甲」という。）と{{person.name}}（以下「乙」という。）とは、地域活性化起業人制度（シニア型）に基づき、乙が企業で培った知識及び経験を活かして甲の地域における地域活性化の業務に従事することについて、次のとおり契約を締結する。',
  articles: [
    purpose,
    appointment,
    {
      key: 'retirement',
      heading: '退職の確認',
      paragraphs: [
        { text: '乙は、{{formerEmployer.name}}を{{formerEmployer.retiredOn|wareki}}に退職した者であることを証する書面を甲に提出するものとする。' },
        { text: '乙は、契約期間中に他の企業等に雇用されることとなったときは、直ちにその旨を甲に通知しなければならない。' },
      ],
    },
    dutiesArticle('乙'),
    placeOfWork,
    term,
    workPattern,
    service('乙は、業務の遂行に当たり、特定の者の営業活動又は利益を図ることを目的とする行為をしてはならない。'),
    reportingArticle('乙'),
    reward,
    travel,
    payment,
    handlingArticle('乙'),
    confidentiality('乙は、業務の遂行に必要な範囲を超えて、前項の秘密を記録し、又は複製してはならない。'),
    personalInformationArticle('乙'),
    resultsArticle('乙'),
    accidents,
    termination('他の企業等に雇用され、業務の遂行に支障が生じると甲が認めたとき。'),
    specialProvisionsArticle,
    consultationArticle,
  ],
  closing: 'この契約の締結を証するため、本書2通を作成し、甲乙記名押印の上、各自1通を保有する。',
  signatories: [MUNICIPALITY_SIGNATORY, { role: '乙', lines: ['{{person.address}}', '{{person.name}}'] }],
  labels: LABELS,
};
