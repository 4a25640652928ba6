/*
 * One error path for the whole app. Services throw a ServiceError when a request cannot be served
 * at all (the record is not there or hidden: 404; the actor may not: 403; the record is in a state
 * where the operation makes no sense: 409). Input the user can correct is never thrown: services
 * return `{ ok: false, errors }` for it and the form shows it next to the field.
 * Routes turn a ServiceError into the HTTP answer with `asErrorResponse` (loaders, and refusals of
 * access in actions) or `refusalOf` (actions that show a 409 above the form); the error boundary
 * shows the Japanese message either way.
 */

export type ServiceErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429;

export class ServiceError extends Error {
  constructor(
    readonly status: ServiceErrorStatus,
    message: string,
    /** a stable machine-readable reason, for callers that branch on it */
    readonly code?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' } as const;

/** A plain-text HTTP answer the error boundary shows as it is. */
export function textResponse(message: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { ...TEXT, ...headers } });
}

/**
 * Throws a plain-text Response unless `condition` holds (Epic Stack's invariantResponse): for checks
 * that belong to the route itself, such as a malformed URL parameter.
 */
export function invariantResponse(condition: unknown, message: string, init: { status?: number; headers?: Record<string, string> } = {}): asserts condition {
  if (!condition) throw textResponse(message, init.status ?? 400, init.headers);
}

/**
 * The one mapper: a ServiceError becomes the Response of its status and message; anything else is
 * rethrown untouched (a real fault, shown as 500). Use as `await service(...).catch(asErrorResponse)`.
 */
export function asErrorResponse(error: unknown): never {
  if (error instanceof ServiceError) throw textResponse(error.message, error.status);
  throw error;
}

/**
 * For actions: a refusal the page shows above the form (409 and the other 4xx but 403/404) as
 * `{ status, message }`; 403/404 and real faults are thrown as asErrorResponse does.
 */
export function refusalOf(error: unknown): { status: ServiceErrorStatus; message: string; error: ServiceError } {
  if (error instanceof ServiceError && error.status !== 403 && error.status !== 404) return { status: error.status, message: error.message, error };
  return asErrorResponse(error);
}
