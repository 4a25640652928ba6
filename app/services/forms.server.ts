/** The submitted form as plain strings (files and repeated keys are not used by these forms). */
export async function formValues(request: Request): Promise<Record<string, string>> {
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    // A malformed body (broken multipart, wrong content type) is the client's error, not a 500.
    throw new Response('送信された内容を読み取れませんでした。ページを再読み込みして、もう一度送信してください。', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const out: Record<string, string> = {};
  for (const [k, v] of data) if (typeof v === 'string' && !(k in out)) out[k] = v;
  // PostgreSQL text cannot store NUL: refuse it here rather than fail on insert.
  if (Object.values(out).some((v) => v.includes('\u0000'))) {
    throw new Response('使用できない文字（NUL）が含まれています。入力内容を確認して、もう一度送信してください。', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return out;
}

/** The input to send back to the form after an error: never passwords, codes or tokens. */
export function keepInput(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!/password|code|token/i.test(k)) out[k] = v;
  return out;
}
