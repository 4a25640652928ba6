import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/chat/events';
import { mergeMessages } from '../../../app/chat/use-chat';

const m = (seq: number, body = `m${seq}`): ChatMessage => ({
  id: seq,
  conversationId: 1,
  seq,
  kind: 'text',
  body,
  meta: {},
  clientKey: `key-${seq}`,
  senderUserId: null,
  senderOrganisationId: null,
  senderName: null,
  senderOrganisationName: null,
  createdAt: '2026-11-23T00:00:00.000Z',
  attachments: [],
});

describe('client-side merge of broadcasts and catch-up', () => {
  it('orders by seq and keeps one copy of a message that arrived twice', () => {
    const held = [m(1), m(2), m(4)];
    const merged = mergeMessages(held, [m(5), m(3), m(4), m(2)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
  });
  it('returns the same array when nothing new came', () => {
    const held = [m(1)];
    expect(mergeMessages(held, [])).toBe(held);
  });
});
