/**
 * A minimal HTTP server for fakes: listens on 127.0.0.1:0, buffers request bodies, and answers
 * what the handler returns (objects as JSON). Every request is recorded for assertions.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path and query as sent. */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** Objects and arrays are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface RunningFake {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

const MAX_BODY = 50 * 1024 * 1024;

export async function startFakeServer(handler: FakeHandler): Promise<RunningFake> {
  const requests: FakeRequest[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', base),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      Promise.resolve()
        .then(() => handler(request))
        .catch((err: unknown): FakeReply => ({
          status: 500,
          body: { message: err instanceof Error ? err.message : String(err) },
        }))
        .then((reply: FakeReply) => {
          const isRaw = typeof reply.body === 'string' || Buffer.isBuffer(reply.body);
          const payload =
            reply.body === undefined
              ? ''
              : isRaw
                ? (reply.body as string | Buffer)
                : JSON.stringify(reply.body);
          const headers: Record<string, string> = { ...reply.headers };
          if (!isRaw && reply.body !== undefined)
            headers['content-type'] ??= 'application/json; charset=UTF-8';
          res.writeHead(reply.status, headers);
          res.end(payload);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses a JSON request body; undefined when it is not JSON. */
export function jsonBody(request: FakeRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export interface MultipartField {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Parses multipart/form-data (enough for fakes: no nested parts, no transfer encodings). */
export function parseMultipart(request: FakeRequest): MultipartField[] | undefined {
  const type = request.headers['content-type'] ?? '';
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
  const marker = boundary ? (boundary[1] ?? boundary[2]) : undefined;
  if (!type.startsWith('multipart/form-data') || !marker) return undefined;
  const delimiter = Buffer.from(`--${marker}`);
  const fields: MultipartField[] = [];
  let start = request.body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (request.body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = request.body.indexOf(delimiter, partStart);
    if (next < 0) return undefined;
    const part = request.body.subarray(partStart + 2, next - 2); // skip CRLF after the marker and before the next
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return undefined;
    const head = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const field: MultipartField = { name, data: part.subarray(split + 4) };
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    if (filename !== undefined) field.filename = filename;
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    if (contentType) field.contentType = contentType.trim();
    fields.push(field);
    start = next;
  }
  return fields;
}
