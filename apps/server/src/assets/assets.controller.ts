import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '../http/index.js';
import { AssetsService } from './assets.service.js';

@Controller('api/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @Res() res: FastifyReply): Promise<void> {
    const asset = await this.assets.get(id);
    // Assets are immutable: cache hard, but only in the user's own browser.
    void res
      .header('Content-Type', asset.mimeType)
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .header('X-Content-Type-Options', 'nosniff')
      .send(asset.data);
  }
}
