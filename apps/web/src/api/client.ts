import type { ApiError, Issue } from '@flowpress/shared';
import { useSessionStore } from '../stores/sessionStore';

/** An API failure as the server describes it: `{ statusCode, message, issues }`. */
export class ApiRequestError extends Error implements ApiError {
  readonly statusCode: number;
  readonly issues?: Issue[];

  constructor(body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.statusCode = body.statusCode;
    if (body.issues) this.issues = body.issues;
  }
}

export function isApiError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Leave 401 to the caller (the login form) instead of ending the session. */
  allowUnauthorized?: boolean;
}

function messageOf(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'message' in body) {
    const record = body as { message: unknown; issues?: unknown; statusCode?: unknown };
    const message = Array.isArray(record.message)
      ? record.message.join(', ')
      : String(record.message);
    const issues = Array.isArray(record.issues) ? (record.issues as Issue[]) : undefined;
    return { statusCode: status, message, ...(issues ? { issues } : {}) };
  }
  const fallback: Record<number, string> = {
    401: 'Your session has ended. Sign in again.',
    403: 'Your role does not allow this.',
    404: 'This was not found. It may have been deleted.',
    413: 'That is too large to send.',
    429: 'Too many requests. Wait a moment and try again.',
  };
  return {
    statusCode: status,
    message: fallback[status] ?? `The server answered ${status}. Try again.`,
  };
}

export function authHeaders(): Record<string, string> {
  const token = useSessionStore.getState().token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

let refreshing: Promise<boolean> | null = null;

/**
 * Login tokens are short-lived; the session behind them lasts longer. Trades the current token
 * for a fresh one (one request at a time, however many calls got a 401).
 */
function refreshToken(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/auth/refresh', { method: 'POST', headers: authHeaders() });
      if (!response.ok) return false;
      const body = (await response.json()) as { token?: unknown };
      if (typeof body.token !== 'string') return false;
      useSessionStore.getState().signIn(body.token);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError({
      statusCode: 0,
      message: 'Cannot reach the Flowpress server. Check your connection.',
    });
  }
}

/**
 * Raw fetch with the bearer token. A 401 first tries to refresh the token and repeats the
 * request once; when the session itself has ended, back to the login page.
 */
export async function apiFetch(
  path: string,
  init: RequestInit = {},
  allowUnauthorized = false,
): Promise<Response> {
  let response = await send(path, init);
  if (response.status === 401 && !allowUnauthorized) {
    if (useSessionStore.getState().token && (await refreshToken())) {
      response = await send(path, init);
      if (response.status !== 401) return response;
    }
    useSessionStore.getState().signOut('Your session has ended. Sign in again.');
  }
  return response;
}

/** JSON request to the API; throws `ApiRequestError` with the server's message and issues. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method: options.method ?? 'GET', signal: options.signal ?? null };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const response = await apiFetch(path, init, options.allowUnauthorized);
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) throw new ApiRequestError(messageOf(response.status, body));
  return body as T;
}
