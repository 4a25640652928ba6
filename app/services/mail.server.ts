import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { MailAttachment } from '../../db/types/applications';
import type { Config } from '../server/config';
import { formatDateTime } from '../utils/dates';

/** `headers`: extra header lines, e.g. List-Unsubscribe (RFC 8058) on the alert digests. */
export type MailMessage = { to: string; subject: string; text: string; attachments?: MailAttachment[]; headers?: Record<string, string> };

type MailConfig = Pick<Config, 'smtpUrl' | 'dataDir' | 'publicUrl'>;
type Sender = (message: MailMessage) => Promise<void>;

const senders = new WeakMap<MailConfig, Sender>();

export const mailDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'mail');

function fromAddress(config: MailConfig) {
  return { name: '起業人マッチ', address: `no-reply@${new URL(config.publicUrl).hostname}` };
}

/**
 * With SMTP_URL mails go out over SMTP; without it each one is written as an .eml file to
 * DATA_DIR/mail/ (nodemailer's stream transport builds the exact bytes an SMTP server would get),
 * so sign-up and password reset work offline and tests read the links from the files.
 */
function senderFor(config: MailConfig): Sender {
  let send = senders.get(config);
  if (send) return send;
  const from = fromAddress(config);
  // nodemailer is loaded with the first mail, not at start-up: most processes send none for a while.
  let transport: Promise<Transporter> | undefined;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ createTransport }) =>
      config.smtpUrl ? createTransport(config.smtpUrl) : createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    ));
  if (config.smtpUrl) {
    send = async (m) => {
      await (await transporter()).sendMail({ from, ...m });
    };
  } else {
    send = async (m) => {
      const info = await (await transporter()).sendMail({ from, ...m });
      const dir = mailDir(config);
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`), info.message as Buffer);
    };
  }
  senders.set(config, send);
  return send;
}

export function sendMail(config: MailConfig, message: MailMessage): Promise<void> {
  return senderFor(config)(message);
}

export type StoredAttachment = { filename: string; contentType: string; content: string };
/** `headers`: the message's top-level headers, names in lower case. */
export type StoredMail = { file: string; to: string; subject: string; date: string; text: string; attachments: StoredAttachment[]; headers: Record<string, string> };

/** A mail's Date header as the inbox writes times (「令和8年12月7日 13:15」); an unreadable header as it is. */
export function mailDate(header: string): string {
  const at = new Date(header);
  return Number.isNaN(at.getTime()) ? header : formatDateTime(at);
}

/** The written mails, newest first (development page and tests). */
export async function listMail(config: Pick<Config, 'dataDir'>, limit = 100): Promise<StoredMail[]> {
  let files: string[];
  try {
    files = (await readdir(mailDir(config))).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  files.sort().reverse();
  return Promise.all(files.slice(0, limit).map(async (file) => ({ file, ...(await parseEml(await readFile(path.join(mailDir(config), file)))) })));
}

export async function readMail(config: Pick<Config, 'dataDir'>, file: string): Promise<StoredMail | null> {
  if (!/^[\w-]+\.eml$/.test(file)) return null;
  try {
    return { file, ...(await parseEml(await readFile(path.join(mailDir(config), file)))) };
  } catch {
    return null;
  }
}

/**
 * Reads a written mail with mailparser (the MIME parser of the nodemailer project): the text body,
 * the attached files, the top-level header lines as written (unfolded, names in lower case).
 */
export async function parseEml(raw: string | Buffer): Promise<Omit<StoredMail, 'file'>> {
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) headers[key] ??= line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  const to = mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]).map((a) => a.text).join(', ') : '';
  return {
    to,
    subject: mail.subject ?? '',
    date: headers.date ?? '',
    headers,
    text: (mail.text ?? '').replace(/\r\n/g, '\n'),
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') })),
  };
}
