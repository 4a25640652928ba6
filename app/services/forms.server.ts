/** The submitted form as plain strings (files and repeated keys are not used by these forms). */
export async function formValues(request: Request): Promise<Record<string, string>> {
  const data = await request.formData();
  const out: Record<string, string> = {};
  for (const [k, v] of data) if (typeof v === 'string' && !(k in out)) out[k] = v;
  return out;
}

/** The input to send back to the form after an error: never passwords, codes or tokens. */
export function keepInput(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!/password|code|token/i.test(k)) out[k] = v;
  return out;
}
