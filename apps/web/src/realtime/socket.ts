import { io, type Socket } from 'socket.io-client';
import { useSessionStore } from '../stores/sessionStore';
import { useConnectionStore } from '../stores/connectionStore';

let socket: Socket | null = null;
let socketToken: string | null = null;

/**
 * The one Socket.IO connection, authenticated with the session token (`auth: { token }`). It is
 * created on first use and replaced when the token changes.
 */
export function getSocket(): Socket {
  const token = useSessionStore.getState().token;
  if (socket && socketToken === token) return socket;
  socket?.disconnect();
  socketToken = token;
  const created = io({
    path: '/socket.io',
    auth: (cb) => cb({ token: useSessionStore.getState().token }),
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5000,
  });
  const setState = useConnectionStore.getState().set;
  created.on('connect', () => setState('connected'));
  created.on('disconnect', () => setState('reconnecting'));
  created.on('connect_error', () => setState('reconnecting'));
  socket = created;
  return created;
}

export function closeSocket(): void {
  socket?.disconnect();
  socket = null;
  socketToken = null;
  useConnectionStore.getState().set('idle');
}
