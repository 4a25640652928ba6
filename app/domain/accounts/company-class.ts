import type { CompanyClass } from './types';

export const COMPANY_CLASS_LABELS: Record<CompanyClass, string> = {
  A: '区分A（三大都市圏の企業）',
  B: '区分B（三大都市圏外の政令市・中核市・県庁所在市の企業）',
  none: '対象外（本社所在地が制度の要件に当たりません）',
};
