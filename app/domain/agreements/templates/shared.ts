import type { AgreementTemplate, ArticleTemplate } from '../template';

// Clause wording shared by several templates of the same year. A template that needs a different
// wording spells its own article instead of editing these, so that a signed text never changes.

export const LABELS: AgreementTemplate['labels'] = {
  'reporting.frequency': { monthly: '毎月', quarterly: '四半期ごとに' },
  'amounts.payment.method': {
    monthly: '毎月、当該月の末日の経過後',
    quarterly: '四半期（4月から6月まで、7月から9月まで、10月から12月まで及び1月から3月まで）ごとに、当該四半期の末日の経過後',
    half_yearly: '半期（4月から9月まで及び10月から3月まで）ごとに、当該半期の末日の経過後',
    yearly: '各年度の末日又は期間の満了日のいずれか早い日の経過後',
  },
};

export function dutiesArticle(actor: string): ArticleTemplate {
  return {
    key: 'duties',
    heading: '業務内容',
    paragraphs: [
      { text: `${actor}は、甲の指示の下、次に掲げる業務に従事する。`, items: { each: 'duties' } },
      { text: '前項の業務の具体的な内容、実施方法及び日程は、甲乙協議の上、別に定める。' },
    ],
  };
}

export function reportingArticle(actor: string): ArticleTemplate {
  return {
    key: 'reporting',
    heading: '報告',
    paragraphs: [
      { text: `${actor}は、業務の実施状況を{{reporting.frequency|label}}、甲の{{municipality.department}}に書面又は電磁的方法により報告するものとする。` },
      { text: '甲は、必要があると認めるときは、乙に対し、業務の実施状況について報告を求め、又は説明を求めることができる。' },
    ],
  };
}

export function handlingArticle(actor: string): ArticleTemplate {
  return {
    key: 'handling',
    heading: '旅費、住居及び物品等の取扱い',
    paragraphs: [
      {
        text: `${actor}の業務に係る旅費、住居及び物品等の取扱いは、次に掲げるとおりとする。`,
        items: ['旅費　{{handling.travel}}', '住居　{{handling.housing}}', '物品等　{{handling.equipment}}'],
      },
      { text: `${actor}は、甲から貸与を受けた物品を善良な管理者の注意をもって管理し、期間の満了その他この{{derived.documentShort}}が終了したときは、速やかに甲に返還しなければならない。` },
    ],
  };
}

export function personalInformationArticle(obligees: string): ArticleTemplate {
  return {
    key: 'personalInformation',
    heading: '個人情報の保護',
    paragraphs: [
      { text: `${obligees}は、この{{derived.documentShort}}に基づく業務の遂行に当たり個人情報を取り扱うときは、個人情報の保護に関する法律（平成15年法律第57号）その他の関係法令及び甲の定めるところにより、適正に取り扱わなければならない。` },
      { text: `${obligees}は、前項の個人情報を漏えい、滅失又は毀損したとき、又はそのおそれがあるときは、直ちに甲に報告し、甲の指示に従うものとする。` },
    ],
  };
}

/** 成果の帰属: one of three wordings, chosen by results.ipOwner in the draft. */
export function resultsArticle(creator: string): ArticleTemplate {
  return {
    key: 'results',
    heading: '成果の帰属',
    paragraphs: [
      {
        when: 'results.ipOwner=municipality',
        text: `${creator}がこの{{derived.documentShort}}に基づく業務の遂行により作成した成果物（以下「成果物」という。）に係る著作権（著作権法（昭和45年法律第48号）第27条及び第28条に規定する権利を含む。）その他の知的財産権は、成果物の引渡しの時に甲に帰属する。`,
      },
      {
        when: 'results.ipOwner=municipality',
        text: creator === '乙' ? '乙は、甲に対し、成果物に係る著作者人格権を行使しないものとする。' : `乙は、甲に対し、成果物に係る著作者人格権を行使せず、${creator}にも行使させないものとする。`,
      },
      {
        when: 'results.ipOwner=shared',
        text: `${creator}がこの{{derived.documentShort}}に基づく業務の遂行により作成した成果物（以下「成果物」という。）に係る知的財産権は、甲及び乙の共有とし、その持分及び利用の方法は、甲乙協議の上、定める。`,
      },
      { when: 'results.ipOwner=shared', text: '甲は、前項の規定にかかわらず、甲の事務事業のために成果物を無償で利用し、又は改変することができる。' },
      {
        when: 'results.ipOwner=partner',
        text: `${creator}がこの{{derived.documentShort}}に基づく業務の遂行により作成した成果物（以下「成果物」という。）に係る知的財産権は、乙に帰属する。`,
      },
      { when: 'results.ipOwner=partner', text: '乙は、甲に対し、甲の事務事業のために成果物を無償で利用し、又は改変することを許諾する。' },
      { text: '乙は、成果物が第三者の知的財産権その他の権利を侵害しないことを保証する。' },
    ],
  };
}

export const specialProvisionsArticle: ArticleTemplate = {
  key: 'specialProvisions',
  heading: '特記事項',
  when: 'specialProvisions',
  paragraphs: [{ text: '甲及び乙は、この{{derived.documentShort}}に定めるもののほか、次に掲げる事項を定める。', items: { each: 'specialProvisions' } }],
};

export const consultationArticle: ArticleTemplate = {
  key: 'consultation',
  heading: '協議',
  paragraphs: [
    { text: 'この{{derived.documentShort}}に定めのない事項又はこの{{derived.documentShort}}の解釈について疑義が生じた事項については、甲乙誠意をもって協議の上、定めるものとする。' },
    { text: 'この{{derived.documentShort}}に関する訴えの管轄は、甲の事務所の所在地を管轄する地方裁判所とする。' },
  ],
};

export const MUNICIPALITY_SIGNATORY = {
  role: '甲',
  lines: ['{{municipality.address}}', '{{municipality.name}}', '{{municipality.representative.title}}　{{municipality.representative.name}}'],
};
