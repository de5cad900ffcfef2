import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '../http/index.js';
import { AssetsService } from './assets.service.js';

@Controller('api/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @Res() res: Response): Promise<void> {
    const asset = await this.assets.get(id);
    // Assets are immutable: cache hard, but only in the user's own browser.
    res.setHeader('Content-Type', asset.mimeType);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(asset.data);
  }
}
