import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PublishServices } from '@flowpress/nodes';
import type { AppConfig } from '../config/config.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { CredentialsService } from '../credentials/credentials.service.js';
import type { SqlLibraryPublisher } from '../library/library-publisher.js';
import type { ProvenanceService } from './provenance.service.js';

/** Injection token of the `PublishServices` the publish node receives as `services.publish`. */
export const PUBLISH_SERVICES = Symbol('PUBLISH_SERVICES');

/** `<data dir>/exports`: the `file` target writes nowhere else. */
export function exportDirOf(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'exports');
}

export function createPublishServices(deps: {
  config: AppConfig;
  credentials: CredentialsService;
  library: SqlLibraryPublisher;
  provenance: ProvenanceService;
  assets: AssetsService;
}): PublishServices {
  const exportDir = exportDirOf(deps.config);
  mkdirSync(exportDir, { recursive: true });
  return {
    credentials: { get: (id) => deps.credentials.read(id) },
    library: deps.library,
    exportDir,
    allowPrivateNetwork: deps.config.allowPrivateNetwork,
    provenance: async (ref) => ({ ...(await deps.provenance.forRun(ref)) }),
    assets: { read: (assetId) => deps.assets.get(assetId) },
  };
}
