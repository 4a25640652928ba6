import { describe, expect, it } from 'vitest';
import { organisationAndPerson, roleAndOrganisation } from '../../../app/domain/accounts/names';

describe('one name for a person and their organisation', () => {
  it('names an organisation and its member, but an individual once', () => {
    expect(organisationAndPerson('海士町', '山田 花子')).toBe('海士町・山田 花子');
    expect(organisationAndPerson('佐藤 遥', '佐藤 遥')).toBe('佐藤 遥');
    expect(organisationAndPerson('佐藤 遥', '佐藤　遥')).toBe('佐藤 遥');
    expect(organisationAndPerson('海士町', null)).toBe('海士町');
    expect(organisationAndPerson(null, '山田 花子')).toBe('山田 花子');
  });

  it('gives the account kind without repeating what the organisation name says', () => {
    expect(roleAndOrganisation('municipality', '海士町', '山田 花子')).toBe('自治体・海士町');
    expect(roleAndOrganisation('ministry', '総務省 地域力創造グループ 地域自立応援課', '総務 太郎')).toBe('総務省 地域力創造グループ 地域自立応援課');
    expect(roleAndOrganisation('individual', '佐藤 遥', '佐藤 遥')).toBe('個人');
    expect(roleAndOrganisation('company', '株式会社みらい地域創生', '鈴木 一郎')).toBe('企業・株式会社みらい地域創生');
  });
});
