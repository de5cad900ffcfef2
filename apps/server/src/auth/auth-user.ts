import type { Role } from '@flowpress/shared';

/** Who is calling: attached to the request by the guard, and to sockets at the handshake. */
export interface AuthUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
  /** Set when the caller used an API key rather than a login token. */
  apiKeyId: string | null;
}

export const AUTH_COOKIE = 'flowpress_token';
