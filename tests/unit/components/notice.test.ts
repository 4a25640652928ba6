import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DoneNotice, Notice } from '../../../app/components/notice';

/* Every notice of the site is <Notice>: one look per tone and one rule for its live region. */

const html = (props: Parameters<typeof Notice>[0]) => renderToStaticMarkup(createElement(Notice, props));

describe('Notice', () => {
  it('is a polite live region unless told otherwise', () => {
    expect(html({ children: '保存しました。', tone: 'success' })).toBe('<div role="status" class="notice">保存しました。</div>');
    expect(html({ children: '反映できませんでした。', tone: 'warning', role: 'alert' })).toBe('<div role="alert" class="warning-box">反映できませんでした。</div>');
    expect(html({ children: 'この条は条件付きです。', role: 'none', as: 'p', className: 'text-sm' })).toBe('<p class="notice notice-info text-sm">この条は条件付きです。</p>');
  });

  it('carries a test id for pages that name it', () => {
    expect(html({ children: '締結済みです。', tone: 'success', role: 'none', testId: 'concluded' })).toBe('<div class="notice" data-testid="concluded">締結済みです。</div>');
  });

  it('is a list item where the notices are a list, with data attributes the pages name', () => {
    expect(html({ children: '対象です', tone: 'success', role: 'none', as: 'li', testId: 'verdict', data: { 'data-eligible': 'true' } })).toBe('<li class="notice" data-testid="verdict" data-eligible="true">対象です</li>');
  });

  it('DoneNotice shows the message of a known `done` only, as a success status', () => {
    const messages = { saved: '保存しました。' };
    expect(renderToStaticMarkup(createElement(DoneNotice, { done: 'saved', messages }))).toBe('<p role="status" class="notice">保存しました。</p>');
    expect(renderToStaticMarkup(createElement(DoneNotice, { done: 'other', messages }))).toBe('');
    expect(renderToStaticMarkup(createElement(DoneNotice, { done: null, messages }))).toBe('');
  });
});
