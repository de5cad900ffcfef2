import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { LibraryPublicController } from './library-public.controller.js';
import { LibraryController } from './library.controller.js';
import { SqlLibraryPublisher } from './library-publisher.js';
import { LibraryService } from './library.service.js';
import { PublicUrl } from './public-url.js';

@Module({
  imports: [AssetsModule],
  controllers: [LibraryController, LibraryPublicController],
  providers: [LibraryService, SqlLibraryPublisher, PublicUrl],
  exports: [LibraryService, SqlLibraryPublisher, PublicUrl],
})
export class LibraryModule {}
