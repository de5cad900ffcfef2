export { DATABASE_KIND, DatabaseModule, type DatabaseKind } from './database.module.js';
export { MIGRATIONS } from './migrations/index.js';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
