import { Global, Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { AssetsService } from '../assets/assets.service.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { LibraryModule } from '../library/library.module.js';
import { SqlLibraryPublisher } from '../library/library-publisher.js';
import { ProvenanceService } from './provenance.service.js';
import { createPublishServices, PUBLISH_SERVICES } from './publish-services.js';

/**
 * What the publish node needs from the server (credentials, the library, provenance, assets),
 * as one `PublishServices` object. Global, so the engine's NODE_SERVICES factory can inject it.
 */
@Global()
@Module({
  imports: [AssetsModule, CredentialsModule, LibraryModule],
  providers: [
    ProvenanceService,
    {
      provide: PUBLISH_SERVICES,
      inject: [
        APP_CONFIG,
        CredentialsService,
        SqlLibraryPublisher,
        ProvenanceService,
        AssetsService,
      ],
      useFactory: (
        config: AppConfig,
        credentials: CredentialsService,
        library: SqlLibraryPublisher,
        provenance: ProvenanceService,
        assets: AssetsService,
      ) => createPublishServices({ config, credentials, library, provenance, assets }),
    },
  ],
  exports: [PUBLISH_SERVICES, ProvenanceService],
})
export class PublishingModule {}
