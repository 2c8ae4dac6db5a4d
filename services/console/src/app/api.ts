import type { TypedDocumentString } from '../gql/graphql';

/** One error of a GraphQL answer, as the gateway formats it (stable `extensions.code`, `field` on bad input). */
export interface ApiErrorEntry {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** A refused or failed call. `code` is the first error's code; `fieldErrors` maps input paths to messages. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, errors: ApiErrorEntry[]) {
    super(errors.map((error) => error.message).join('; ') || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    this.fieldErrors = Object.fromEntries(
      errors.flatMap((error) => (typeof error.extensions?.field === 'string' ? [[error.extensions.field, error.message]] : [])),
    );
  }
}

/** Told when the server says the session is gone (401), so the shell can show the sign-in page. */
let onSignedOut: (code: string) => void = () => undefined;
export function whenSignedOut(listener: (code: string) => void): void {
  onSignedOut = listener;
}

let csrfToken = '';
/** The session's CSRF token, sent with every API call (the gateway refuses calls without it). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Sends one typed operation to the console API (the gateway's GraphQL, with the session cookie and CSRF token). */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const response = await fetch('/console/api/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: TResult | null; errors?: ApiErrorEntry[] };
  if (response.status === 401) onSignedOut(body.errors?.[0]?.extensions?.code ?? 'UNAUTHENTICATED');
  if (body.errors?.length || !response.ok || !body.data) throw new ApiError(response.status, body.errors ?? []);
  return body.data;
}
