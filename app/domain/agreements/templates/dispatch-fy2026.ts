import type { AgreementTemplate } from '../template';
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

/** 企業派遣型の協定書（令和8年度版）. */
export const dispatchFy2026: AgreementTemplate = {
  id: 'dispatch-fy2026',
  kind: 'dispatch',
  fiscalYear: 2026,
  documentType: '協定書',
  title: '地域活性化起業人の派遣に関する協定書',
  preamble:
    '{{municipality.name}}（以下「甲」という。）と{{company.name}}（以下「乙」という。）とは、地域活性化起業人制度（企業派遣型）に基づき、乙の社員を甲の地域における地域活性化の業務に従事させることについて、次のとおり協定を締結する。',
  articles: [
    {
      key: 'purpose',
      heading: '目的',
      paragraphs: [{ text: 'この協定は、乙の社員が有する専門的な知識、経験及び人的なつながりを活かし、{{purpose}}を目的とする。' }],
    },
    {
      key: 'person',
      heading: '派遣する社員',
      paragraphs: [
        { text: '乙は、乙の社員である{{person.name}}（{{person.position}}。以下「起業人」という。）を、地域活性化起業人として甲に派遣する。' },
        { text: '甲は、起業人を{{person.role}}として受け入れる。' },
        { text: '乙は、起業人を変更しようとするときは、あらかじめ甲と協議し、その承諾を得なければならない。' },
      ],
    },
    dutiesArticle('起業人'),
    {
      key: 'placeOfWork',
      heading: '勤務場所',
      paragraphs: [
        { text: '起業人の勤務場所は、{{placeOfWork}}とする。' },
        { text: '甲は、業務上必要があると認めるときは、前項の勤務場所以外の場所で起業人を業務に従事させることができる。' },
      ],
    },
    {
      key: 'term',
      heading: '派遣期間',
      paragraphs: [
        { text: '起業人の派遣期間は、{{term.start|wareki}}から{{term.end|wareki}}まで（{{derived.termLength}}）とする。' },
        { text: '甲及び乙は、協議の上、派遣期間を延長することができる。ただし、延長後の派遣期間は、通算して3年を超えないものとする。' },
      ],
    },
    {
      key: 'workPattern',
      heading: '勤務日数及び勤務時間',
      paragraphs: [
        {
          text: '起業人の勤務日数は1月当たり{{workPattern.daysPerMonth|num}}日、勤務時間は1月当たり{{workPattern.hoursPerMonth|num}}時間を標準とし、そのうち1月当たり{{workPattern.daysOnSitePerMonth|num}}日は、甲の区域内において勤務するものとする。',
        },
        { text: '起業人は、各月において、勤務日数の2分の1以上を甲の区域内で勤務するものとする。' },
        { text: '起業人の勤務時間、休日及び休暇は乙の就業規則の定めるところによるものとし、具体的な勤務日程は、甲乙協議の上、定める。' },
      ],
    },
    {
      key: 'service',
      heading: '身分及び服務',
      paragraphs: [
        { text: '起業人は、派遣期間中も乙の社員としての身分を有する。' },
        { text: '起業人は、業務の遂行に当たっては、甲の指示に従うとともに、法令及び甲の規則等を遵守し、甲の信用を傷つける行為をしてはならない。' },
        { text: '乙は、起業人に、甲の業務に従事する時間において、乙の営業活動その他乙の利益を図ることを目的とする活動を行わせてはならない。' },
      ],
    },
    reportingArticle('起業人'),
    {
      key: 'contribution',
      heading: '負担金',
      paragraphs: [
        { text: '甲は、起業人の派遣に要する経費の一部として、乙に対し、負担金を支払う。' },
        { text: '負担金の額は、月額金{{amounts.contributionMonthly|num}}円とする。ただし、1月に満たない期間の負担金の額は、日割りにより算定した額とする。' },
        { text: '負担金は、起業人の給与、社会保険料その他の派遣に伴い乙が負担する経費に充てるものとし、甲は、{{ref:handling}}に定めるもののほか、起業人の派遣について乙に費用を支払わない。' },
      ],
    },
    {
      key: 'payment',
      heading: '負担金の請求及び支払',
      paragraphs: [
        { text: '乙は、{{amounts.payment.method|label}}、当該期間に係る負担金を甲に請求するものとする。' },
        { text: '甲は、前項の規定による適法な請求を受けた日から{{amounts.payment.daysAfterInvoice|num}}日以内に、負担金を乙に支払うものとする。' },
      ],
    },
    handlingArticle('起業人'),
    {
      key: 'confidentiality',
      heading: '秘密の保持',
      paragraphs: [
        { text: '乙及び起業人は、この協定に基づく業務の遂行により知り得た秘密を他に漏らし、又は業務の目的以外に使用してはならない。この協定が終了した後も、同様とする。' },
        { text: '乙は、起業人が派遣期間の終了後も前項の義務を負うよう、必要な措置を講じなければならない。' },
      ],
    },
    personalInformationArticle('乙及び起業人'),
    resultsArticle('起業人'),
    {
      key: 'accidents',
      heading: '事故及び損害',
      paragraphs: [
        { text: '起業人が業務の遂行に伴い負傷し、疾病にかかり、又は死亡したときの災害補償は、乙が使用者として、労働者災害補償保険法（昭和22年法律第50号）その他の関係法令に基づき行う。' },
        { text: '起業人が業務の遂行に当たり甲又は第三者に損害を与えたときの負担は、甲乙協議の上、定める。ただし、乙又は起業人の故意又は重大な過失によるものは、乙の負担とする。' },
      ],
    },
    {
      key: 'termination',
      heading: '協定の解除',
      paragraphs: [
        { text: '甲又は乙は、相手方がこの協定に違反したときは、相当の期間を定めて履行を催告し、その期間内に履行がないときは、この協定を解除することができる。' },
        { text: '甲又は乙は、やむを得ない事由があるときは、30日前までに書面で相手方に通知することにより、この協定を解除することができる。' },
        { text: '前2項の規定によりこの協定を解除したときは、負担金は、解除の日までの期間について日割りにより算定する。' },
      ],
    },
    specialProvisionsArticle,
    consultationArticle,
  ],
  closing: 'この協定の締結を証するため、本書2通を作成し、甲乙記名押印の上、各自1通を保有する。',
  signatories: [
    MUNICIPALITY_SIGNATORY,
    { role: '乙', lines: ['{{company.address}}', '{{company.name}}', '{{company.representative.title}}　{{company.representative.name}}'] },
  ],
  labels: LABELS,
};
