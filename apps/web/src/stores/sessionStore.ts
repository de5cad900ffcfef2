import { create } from 'zustand';

const TOKEN_KEY = 'flowpress.token';

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

interface SessionState {
  token: string | null;
  /** Why the last session ended, shown on the login page ("Your session expired"). */
  endedReason: string | null;
  signIn(token: string): void;
  signOut(reason?: string): void;
}

/** The bearer token, kept in localStorage so a reload stays signed in. */
export const useSessionStore = create<SessionState>((set) => ({
  token: readToken(),
  endedReason: null,
  signIn(token) {
    localStorage.setItem(TOKEN_KEY, token);
    set({ token, endedReason: null });
  },
  signOut(reason) {
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, endedReason: reason ?? null });
  },
}));
