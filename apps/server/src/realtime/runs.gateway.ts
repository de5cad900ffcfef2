import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { ROLE_RANK, RUN_STOP_EVENTS, SOCKET_EVENTS, type RunSubscribeAck } from '@flowpress/shared';
import { AuthService } from '../auth/auth.service.js';
import { AUTH_COOKIE, type AuthUser } from '../auth/auth-user.js';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { isUuid } from '../http/index.js';
import { Lifecycle } from '../http/lifecycle.js';
import { originAllowed } from '../http/origins.js';
import { EngineCore } from '../engine/engine-core.js';
import { EventBus } from './event-bus.js';

/** Run ids are lower-case uuids in the database and in every event: rooms are too. */
const runRoom = (runId: string) => `run:${runId.toLowerCase()}`;
const REVIEWS_ROOM = 'reviews';
/** Sent just before the server disconnects a socket whose access ended: `{ reason }`. */
export const SESSION_ENDED_EVENT = 'session:ended';
/** Open sockets re-check their token this often (expiry, changes made by other instances). */
const RECHECK_INTERVAL_MS = 5_000;
/** Runs whose newest seq this process remembers; far above what one process runs at once. */
export const LATEST_SEQ_CAP = 10_000;

interface SocketData {
  user?: AuthUser;
  token?: string;
}

/** CONTRACT §3: authenticated at the handshake and re-checked while open; run rooms; review events for reviewers. */
@WebSocketGateway({ cors: false })
export class RunsGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private readonly unsubscribe: (() => void)[] = [];
  private recheckTimer: NodeJS.Timeout | undefined;
  private rechecking: Promise<void> | undefined;
  /**
   * The newest seq this process has seen per active run. The database's `last_seq` is written at
   * checkpoints only (tokens are never written), so the ack takes the larger of the two.
   */
  private readonly latestSeq = new Map<string, number>();
  @WebSocketServer() server!: Server;

  constructor(
    private readonly auth: AuthService,
    private readonly bus: EventBus,
    private readonly engine: EngineCore,
    private readonly lifecycle: Lifecycle,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const origin = socket.handshake.headers.origin;
      if (!originAllowed(origin, socket.handshake.headers.host, this.config)) {
        return next(
          new Error(`forbidden: origin ${origin} is not allowed (FLOWPRESS_ALLOWED_ORIGINS)`),
        );
      }
      const token = handshakeToken(socket);
      this.auth
        .verify(token)
        .then((user) => {
          if (!user || !token)
            return next(new Error('unauthorized: send a valid token in auth.token'));
          Object.assign(socket.data as SocketData, { user, token });
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    this.unsubscribe.push(
      this.bus.onRunEvent((event) => {
        const seen = this.latestSeq.get(event.runId) ?? 0;
        this.latestSeq.delete(event.runId);
        if (!RUN_STOP_EVENTS.has(event.type)) {
          // Re-inserted so the Map's order is least recently active first; a run that never
          // ends (its worker died) falls off the front instead of staying forever. Dropping an
          // entry only means an ack falls back to the database's last_seq. Never lowered: an
          // ack below what was already sent would make a subscriber miss the events between.
          this.latestSeq.set(event.runId, Math.max(seen, event.seq));
          if (this.latestSeq.size > LATEST_SEQ_CAP) this.latestSeq.delete(this.latestSeq.keys().next().value!);
        }
        // Most runs have no watcher here (API callers, other instances' sockets): encoding an
        // event for an empty room is pure cost, paid for every token of every run.
        const room = runRoom(event.runId);
        if (hasMembers(server, room)) server.to(room).emit(SOCKET_EVENTS.runEvent, event);
      }),
      this.bus.onReviewEvent((event) => {
        if (hasMembers(server, REVIEWS_ROOM)) server.to(REVIEWS_ROOM).emit(event.type, event);
      }),
      // A revocation in this process ends the sockets it opened at once, not at the next tick.
      this.auth.onAccessChanged(() => void this.recheckAll()),
    );
    this.recheckTimer = setInterval(() => void this.recheckAll(), RECHECK_INTERVAL_MS);
    this.recheckTimer.unref();
    const onShutdown = () => {
      for (const socket of server.sockets.sockets.values()) {
        socket.emit(SESSION_ENDED_EVENT, { reason: 'the server is shutting down' });
      }
      server.disconnectSockets(true);
    };
    this.lifecycle.signal.addEventListener('abort', onShutdown, { once: true });
    this.unsubscribe.push(() => this.lifecycle.signal.removeEventListener('abort', onShutdown));
  }

  @SubscribeMessage(SOCKET_EVENTS.runSubscribe)
  async subscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<RunSubscribeAck> {
    const runId =
      typeof body === 'object' && body !== null ? (body as { runId?: unknown }).runId : undefined;
    if (typeof runId !== 'string' || !isUuid(runId))
      return { ok: false, error: 'runId must be a run id' };
    // Join first, then check and read: an event in between (a run's first tokens are not
    // stored anywhere) is seen live, not lost. A socket whose access ended leaves every room.
    await socket.join(runRoom(runId));
    if (!(await this.stillAllowed(socket)))
      return { ok: false, error: 'unauthorized: access ended' };
    const run = await this.engine.store.getRun(runId.toLowerCase());
    if (!run) {
      await socket.leave(runRoom(runId));
      return { ok: false, error: 'run not found' };
    }
    return {
      ok: true,
      status: run.status,
      lastSeq: Math.max(run.lastSeq, this.latestSeq.get(run.id) ?? 0),
    };
  }

  @SubscribeMessage(SOCKET_EVENTS.runUnsubscribe)
  async unsubscribeRun(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: boolean }> {
    const runId =
      typeof body === 'object' && body !== null ? (body as { runId?: unknown }).runId : undefined;
    if (typeof runId === 'string') await socket.leave(runRoom(runId));
    return { ok: true };
  }

  @SubscribeMessage(SOCKET_EVENTS.reviewsSubscribe)
  async subscribeReviews(
    @ConnectedSocket() socket: Socket,
  ): Promise<{ ok: boolean; error?: string }> {
    if (!(await this.stillAllowed(socket)))
      return { ok: false, error: 'unauthorized: access ended' };
    const user = (socket.data as SocketData).user;
    if (!user || ROLE_RANK[user.role] < ROLE_RANK.reviewer)
      return { ok: false, error: 'reviewers only' };
    await socket.join(REVIEWS_ROOM);
    return { ok: true };
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    clearInterval(this.recheckTimer);
    this.logger.debug('realtime stopped');
  }

  /**
   * Verifies the socket's token again (revoked key, logged-out session, expired token, deleted
   * user). On failure the socket leaves every room, is told why and is disconnected.
   */
  private async stillAllowed(socket: Socket): Promise<boolean> {
    const data = socket.data as SocketData;
    // Fail closed: when access cannot be checked (database down), the socket ends; say why.
    const user = await this.auth.verifyAccess(data.token).catch((err: unknown) => {
      this.logger.warn(
        `could not re-check a socket's access, ending it: ${err instanceof Error ? err.message : String(err)}`,
      );
      return null;
    });
    if (user && user.id === data.user?.id) {
      data.user = user; // a changed role applies to the reviews room check
      if (ROLE_RANK[user.role] < ROLE_RANK.reviewer) socket.leave(REVIEWS_ROOM);
      return true;
    }
    for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
    socket.emit(SESSION_ENDED_EVENT, {
      reason:
        'access ended (key revoked, logged out, token expired or user removed): sign in again',
    });
    socket.disconnect(true);
    return false;
  }

  private recheckAll(): Promise<void> {
    // One sweep at a time; a revocation during a sweep starts another right after.
    const sweep = async () => {
      const sockets = [...this.server.sockets.sockets.values()];
      for (const socket of sockets) await this.stillAllowed(socket);
    };
    const next: Promise<void> = (this.rechecking ?? Promise.resolve())
      .then(sweep)
      .catch((err: unknown) =>
        this.logger.error(
          `re-checking socket access failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
      .finally(() => {
        if (this.rechecking === next) this.rechecking = undefined;
      });
    this.rechecking = next;
    return next;
  }
}

/** Whether a socket of this process is in the room (the default in-memory adapter's rooms). */
function hasMembers(server: Server, room: string): boolean {
  return (server.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
}

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token;
  const header = socket.handshake.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+\S+$/i.test(header))
    return header.split(/\s+/)[1] ?? null;
  const cookie = socket.handshake.headers.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === AUTH_COOKIE) return decodeURIComponent(rest.join('='));
    }
  }
  return null;
}
