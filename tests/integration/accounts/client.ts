import { listMail, type StoredMail } from '../../../app/services/mail.server';
import { PERSONA_LOGINS } from './matrix';

/**
 * A minimal browser for tests: keeps cookies, never follows redirects, and sends the Origin
 * header a browser sends with a form post (so the CSRF check sees a same-origin request).
 */
export class Client {
  readonly jar = new Map<string, string>();
  constructor(readonly base: string) {}

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, opts: { form?: Record<string, string>; headers?: Record<string, string>; origin?: string | null } = {}) {
    const headers: Record<string, string> = { ...(this.jar.size ? { cookie: this.cookie } : {}) };
    if (method !== 'GET' && opts.origin !== null) headers.origin = opts.origin ?? this.base;
    if (opts.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...headers, ...opts.headers },
      body: opts.form ? new URLSearchParams(opts.form) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '' || /max-age=0\b/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  post(path: string, form: Record<string, string> = {}, opts: { headers?: Record<string, string>; origin?: string | null } = {}) {
    return this.request('POST', path, { form, ...opts });
  }

  /** A new client signed in through POST /login (throws if the log-in is refused). */
  static async signedIn(base: string, email: string, password: string): Promise<Client> {
    const client = new Client(base);
    await client.login(email, password);
    return client;
  }

  /** A new client signed in as a persona of the demo seed (PERSONA_LOGINS in ./matrix.ts). */
  static signedInAs(base: string, persona: keyof typeof PERSONA_LOGINS): Promise<Client> {
    const { email, password } = PERSONA_LOGINS[persona];
    return Client.signedIn(base, email, password);
  }

  async login(email: string, password: string) {
    const res = await this.post('/login', { email, password });
    if (res.status !== 302) throw new Error(`log-in as ${email} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  }
}

/**
 * The newest mail to an address, from DATA_DIR/mail/. Some mails are written just after the answer
 * (password reset), so a missing one is looked for again for up to 10 s.
 */
export async function lastMailTo(config: { dataDir: string }, to: string): Promise<StoredMail> {
  for (let attempt = 0; ; attempt++) {
    const mail = (await listMail(config)).find((m) => m.to.includes(to));
    if (mail) return mail;
    if (attempt >= 100) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function linkIn(mail: StoredMail, path: string): string {
  const m = new RegExp(`https?://[^/\\s]+(${path.replace(/\//g, '\\/')}[\\w-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in: ${mail.text}`);
  return m[1];
}
