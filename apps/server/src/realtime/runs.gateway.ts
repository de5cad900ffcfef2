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
import { isUuid } from '../http/index.js';
import { EngineCore } from '../engine/engine-core.js';
import { EventBus } from './event-bus.js';

const runRoom = (runId: string) => `run:${runId}`;
const REVIEWS_ROOM = 'reviews';
/** Runs whose newest seq this process remembers; far above what one process runs at once. */
export const LATEST_SEQ_CAP = 10_000;

/** CONTRACT §3: authenticated at the handshake; run rooms; review events for reviewers. */
@WebSocketGateway({ cors: false })
export class RunsGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private readonly unsubscribe: (() => void)[] = [];
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
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token = handshakeToken(socket);
      this.auth
        .verify(token)
        .then((user) => {
          if (!user) return next(new Error('unauthorized: send a valid token in auth.token'));
          (socket.data as { user?: AuthUser }).user = user;
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    this.unsubscribe.push(
      this.bus.onRunEvent((event) => {
        this.latestSeq.delete(event.runId);
        if (!RUN_STOP_EVENTS.has(event.type)) {
          // Re-inserted so the Map's order is least recently active first; a run that never
          // ends (its worker died) falls off the front instead of staying forever. Dropping an
          // entry only means an ack falls back to the database's last_seq.
          this.latestSeq.set(event.runId, event.seq);
          if (this.latestSeq.size > LATEST_SEQ_CAP) this.latestSeq.delete(this.latestSeq.keys().next().value!);
        }
        server.to(runRoom(event.runId)).emit(SOCKET_EVENTS.runEvent, event);
      }),
      this.bus.onReviewEvent((event) => {
        server.to(REVIEWS_ROOM).emit(event.type, event);
      }),
    );
  }

  @SubscribeMessage(SOCKET_EVENTS.runSubscribe)
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<RunSubscribeAck> {
    const runId = typeof body === 'object' && body !== null ? (body as { runId?: unknown }).runId : undefined;
    if (typeof runId !== 'string' || !isUuid(runId)) return { ok: false, error: 'runId must be a run id' };
    // Join first, then read: an event in between is seen live, not lost.
    await socket.join(runRoom(runId));
    const run = await this.engine.store.getRun(runId.toLowerCase());
    if (!run) {
      await socket.leave(runRoom(runId));
      return { ok: false, error: 'run not found' };
    }
    return { ok: true, status: run.status, lastSeq: Math.max(run.lastSeq, this.latestSeq.get(run.id) ?? 0) };
  }

  @SubscribeMessage(SOCKET_EVENTS.runUnsubscribe)
  async unsubscribeRun(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<{ ok: boolean }> {
    const runId = typeof body === 'object' && body !== null ? (body as { runId?: unknown }).runId : undefined;
    if (typeof runId === 'string') await socket.leave(runRoom(runId));
    return { ok: true };
  }

  @SubscribeMessage(SOCKET_EVENTS.reviewsSubscribe)
  async subscribeReviews(@ConnectedSocket() socket: Socket): Promise<{ ok: boolean; error?: string }> {
    const user = (socket.data as { user?: AuthUser }).user;
    if (!user || ROLE_RANK[user.role] < ROLE_RANK.reviewer) return { ok: false, error: 'reviewers only' };
    await socket.join(REVIEWS_ROOM);
    return { ok: true };
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    this.logger.debug('realtime stopped');
  }
}

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token;
  const header = socket.handshake.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+\S+$/i.test(header)) return header.split(/\s+/)[1] ?? null;
  const cookie = socket.handshake.headers.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === AUTH_COOKIE) return decodeURIComponent(rest.join('='));
    }
  }
  return null;
}
