import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '../openapi/decorators.js';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { isUuid } from './library-item.js';
import { buildFeed } from './library-feed.js';
import { indexPage, itemPage, notFoundPage, PAGE_CSP } from './library-page.js';
import { LibraryService } from './library.service.js';
import { PublicUrl } from './public-url.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
/** Public pages change when an editor edits or unpublishes: caches may keep them briefly. */
const CACHE = 'public, max-age=60';

/**
 * The public side of the library, no sign-in: pages, feeds, and the images of published items.
 * Unpublished items answer 404 and leave the feeds.
 */
@Public()
@ApiExcludeController()
@Controller('library')
export class LibraryPublicController {
  constructor(
    private readonly library: LibraryService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get()
  async index(@Res() res: FastifyReply): Promise<void> {
    const base = this.publicUrl.base;
    return this.html(res, 200, indexPage(await this.library.recent(), base));
  }

  @Get('feed.xml')
  async rss(@Res() res: FastifyReply): Promise<void> {
    const feed = await buildFeed(await this.library.recent(), this.publicUrl.base, 'rss');
    void res
      .header('Cache-Control', CACHE)
      .type('application/rss+xml; charset=utf-8')
      .send(feed.rss2());
  }

  @Get('atom.xml')
  async atom(@Res() res: FastifyReply): Promise<void> {
    const feed = await buildFeed(await this.library.recent(), this.publicUrl.base, 'atom');
    void res
      .header('Cache-Control', CACHE)
      .type('application/atom+xml; charset=utf-8')
      .send(feed.atom1());
  }

  @Get('assets/:assetId')
  async asset(@Param('assetId') assetId: string, @Res() res: FastifyReply): Promise<void> {
    const asset = isUuid(assetId) ? await this.library.publicAsset(assetId.toLowerCase()) : null;
    if (!asset) {
      void res.status(404).type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    void res
      .header('Content-Type', asset.mimeType)
      .header('Cache-Control', 'public, max-age=300')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .send(asset.data);
  }

  @Get(':slug')
  async page(@Param('slug') slug: string, @Res() res: FastifyReply): Promise<void> {
    const base = this.publicUrl.base;
    const row = SLUG.test(slug) ? await this.library.published(slug) : null;
    if (!row) return this.html(res, 404, notFoundPage(base));
    return this.html(res, 200, itemPage(row, base));
  }

  private async html(res: FastifyReply, status: number, body: string): Promise<void> {
    void res
      .header('Content-Security-Policy', PAGE_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', status === 200 ? CACHE : 'no-store')
      .status(status)
      .type('text/html; charset=utf-8')
      .send(body);
  }
}
