import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { SOCKET_EVENTS, type KnowledgeDocumentEvent } from '@flowpress/shared';

/**
 * Document status and embedding progress to every signed-in socket (the realtime gateway
 * authenticates each at the handshake on this same server). Through the Socket.IO adapter, so
 * with Redis every API instance delivers it. Events carry ids and counts only, no content.
 */
@WebSocketGateway({ cors: false })
export class KnowledgeEvents {
  @WebSocketServer() server?: Server;

  publish(event: KnowledgeDocumentEvent): void {
    this.server?.emit(SOCKET_EVENTS.knowledgeDocument, event);
  }
}
