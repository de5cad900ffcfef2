import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSessionStore } from '../stores/sessionStore';

/** Sends visitors without a session to the login page, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useSessionStore((s) => s.token);
  const location = useLocation();
  if (!token) {
    const next = location.pathname + location.search;
    return (
      <Navigate
        to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}
        replace
      />
    );
  }
  return <>{children}</>;
}
