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
  return Promise.all(files.slice(0, limit).map(async (file) => ({ file, ...parseEml(await readFile(path.join(mailDir(config), file), 'utf8')) })));
}

export async function readMail(config: Pick<Config, 'dataDir'>, file: string): Promise<StoredMail | null> {
  if (!/^[\w-]+\.eml$/.test(file)) return null;
  try {
    return { file, ...parseEml(await readFile(path.join(mailDir(config), file), 'utf8')) };
  } catch {
    return null;
  }
}

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = (split < 0 ? normalised : normalised.slice(0, split)).replace(/\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: split < 0 ? '' : normalised.slice(split + 2) };
}

/** The leaf parts of a MIME message (multipart bodies opened, nested ones too). */
function leaves(part: Part): Part[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [part];
  const chunks = part.body.split(`--${boundary}`).slice(1);
  return chunks.filter((c) => !c.startsWith('--')).flatMap((c) => leaves(splitPart(c.replace(/^\n/, ''))));
}

function decodeBody(part: Part, unixLines = true): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(part.body.replace(/\s/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(part.body) : part.body;
  return unixLines ? text.replace(/\r\n/g, '\n') : text;
}

function fileNameOf(part: Part): string | null {
  const header = `${part.headers.get('content-disposition') ?? ''}; ${part.headers.get('content-type') ?? ''}`;
  const extended = /(?:filename|name)\*=(?:utf-8|UTF-8)''([^;\s]+)/.exec(header)?.[1];
  if (extended) return decodeURIComponent(extended);
  const plain = /(?:filename|name)="?([^";]+)"?/.exec(header)?.[1];
  return plain ? decodeWords(plain) : null;
}

/** Enough MIME for the mails this application writes: a text body, with attached files or without. */
export function parseEml(raw: string): Omit<StoredMail, 'file'> {
  const message = splitPart(raw);
  const parts = leaves(message);
  const isAttachment = (p: Part) => /^attachment/i.test(p.headers.get('content-disposition') ?? '') || fileNameOf(p) !== null;
  const textPart = parts.find((p) => !isAttachment(p) && /^text\/plain/i.test(p.headers.get('content-type') ?? 'text/plain')) ?? parts[0];
  return {
    to: decodeWords(message.headers.get('to') ?? ''),
    subject: decodeWords(message.headers.get('subject') ?? ''),
    date: message.headers.get('date') ?? '',
    headers: Object.fromEntries(message.headers),
    text: textPart ? decodeBody(textPart) : '',
    attachments: parts
      .filter((p) => p !== textPart && isAttachment(p))
      .map((p) => ({ filename: fileNameOf(p) ?? '', contentType: (p.headers.get('content-type') ?? '').split(';')[0].trim(), content: decodeBody(p, false) })),
  };
}

function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), adjacent ones joined. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([\w-]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
