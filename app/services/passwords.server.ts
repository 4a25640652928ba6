import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library defaults (19 MiB, 2 passes, 1 lane), which match OWASP's minimum. */
export const hashPassword = (password: string) => hash(password);

let dummy: Promise<string> | undefined;

/**
 * Verifies a password; for an unknown account it still spends the time of one verification,
 * so response times do not reveal which e-mail addresses are registered.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummy ??= hash('not-a-real-password-for-timing');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
