import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { parseEml } from '../../../app/services/mail.server';

/*
 * The development mailbox reads back what nodemailer wrote (app/services/mail.server.ts): the same
 * transport options as the server without SMTP_URL, and the encodings a Japanese mail needs.
 */
async function written(message: Parameters<ReturnType<typeof createTransport>['sendMail']>[0]): Promise<Buffer> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return (await transport.sendMail({ from: { name: '起業人マッチ', address: 'no-reply@example.jp' }, ...message })).message as Buffer;
}

describe('parseEml', () => {
  it('reads the subject, recipient, body and header lines of a Japanese mail', async () => {
    const link = `https://example.jp/unsubscribe/${'a'.repeat(120)}`;
    const text = `海士町からの新しいメッセージがあります。\n\n${'長い本文の行です。'.repeat(40)}\nhttps://example.jp/applications/12\n`;
    const mail = await parseEml(
      await written({ to: 'company@example.jp', subject: '【起業人マッチ】新しいメッセージ：離島の観光予約をデジタル化する起業人', text, headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }),
    );
    expect(mail.to).toBe('company@example.jp');
    expect(mail.subject).toBe('【起業人マッチ】新しいメッセージ：離島の観光予約をデジタル化する起業人');
    expect(mail.text).toBe(text);
    // A long header is folded when written and read back as one line.
    expect(mail.headers['list-unsubscribe']).toBe(`<${link}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.from).toContain('no-reply@example.jp');
    expect(Number.isNaN(new Date(mail.date).getTime())).toBe(false);
    expect(mail.attachments).toEqual([]);
  });

  it('reads attached files with their Japanese names and their content', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:面談（海士町）\r\nEND:VCALENDAR\r\n';
    const mail = await parseEml(
      await written({ to: 'municipality@example.jp', subject: '面談の日時が決まりました', text: '添付の予定表をご確認ください。\n', attachments: [{ filename: '面談_海士町.ics', content: ics, contentType: 'text/calendar; charset=utf-8' }] }),
    );
    expect(mail.text).toBe('添付の予定表をご確認ください。\n');
    expect(mail.attachments).toEqual([{ filename: '面談_海士町.ics', contentType: 'text/calendar', content: ics }]);
  });
});
