export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** A few of the most used passwords; a long list belongs in a breach check, which this platform does not call out to. */
const COMMON = new Set([
  'password', 'password1', 'password123', 'passw0rd', '1234567890', '0123456789', '12345678910', 'qwertyuiop',
  'iloveyou12', 'abcdefghij', 'abc1234567', 'aaaaaaaaaa', 'kigyojin123', 'kigyojinmatch', 'administrator',
]);

/** Problems with a new password, in Japanese; empty when it is acceptable. */
export function passwordProblems(password: string, context: { email?: string; name?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください。`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください。`);
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) problems.push('推測されやすいパスワードは使えません。');
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push('メールアドレスを含むパスワードは使えません。');
  return problems;
}
