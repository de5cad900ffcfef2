import type { AddressInfo } from 'node:net';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';

/** `http://HOST:PORT` for a listening address; wildcard hosts read as localhost. */
export function defaultPublicUrl(host: string, port: number): string {
  const shown = ['0.0.0.0', '::', ''].includes(host)
    ? 'localhost'
    : host.includes(':')
      ? `[${host}]`
      : host;
  return `http://${shown}:${port}`;
}

/**
 * The absolute base of public links (library pages, feeds, receipts): FLOWPRESS_PUBLIC_URL, else
 * `http://HOST:PORT` with the port this process actually listens on.
 */
@Injectable()
export class PublicUrl {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get base(): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    const server: unknown = this.adapterHost.httpAdapter?.getHttpServer();
    const address =
      server &&
      typeof server === 'object' &&
      'address' in server &&
      typeof server.address === 'function'
        ? (server.address() as AddressInfo | string | null)
        : null;
    const port = address && typeof address === 'object' ? address.port : this.config.port;
    return defaultPublicUrl(this.config.host, port);
  }

  /** `<base>/library/<slug>` */
  page(slug: string): string {
    return `${this.base}/library/${slug}`;
  }

  asset(assetId: string): string {
    return `${this.base}/library/assets/${assetId}`;
  }
}
