import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorSummary, SelectField } from '../../../app/components/forms';

/* The field kit renders every control the pages need, so no page writes its own <select> or summary. */

describe('SelectField', () => {
  it('renders option groups as <optgroup>, next to plain options, with the chosen value kept', () => {
    const html = renderToStaticMarkup(
      createElement(SelectField, {
        name: 'action',
        formId: 'audit',
        label: '操作',
        unmarked: true,
        placeholder: 'すべて',
        defaultValue: 'listing.create',
        options: [{ group: '掲載', options: [{ value: 'listing.', label: '掲載のすべて' }, { value: 'listing.create', label: '掲載の作成' }] }, { value: 'other', label: 'その他' }],
      }),
    );
    expect(html).toContain('<select id="audit-action" name="action" class="field-input">');
    expect(html).toContain('<option value="">すべて</option><optgroup label="掲載"><option value="listing.">掲載のすべて</option><option value="listing.create" selected="">掲載の作成</option></optgroup><option value="other">その他</option>');
    expect(html).not.toContain('任意');
  });
});

describe('ErrorSummary', () => {
  it('links each problem to its field and can say why the page still shows something', () => {
    const html = renderToStaticMarkup(createElement(ErrorSummary, { errors: { pref: ['都道府県の指定が正しくありません'] }, labels: { pref: '都道府県' }, formId: 'f', title: '指定に誤りがあるため、次の項目は既定の値で表示しています。' }));
    expect(html).toContain('>指定に誤りがあるため、次の項目は既定の値で表示しています。</h2>');
    expect(html).toContain('<a href="#f-pref">都道府県: 都道府県の指定が正しくありません</a>');
  });
});
