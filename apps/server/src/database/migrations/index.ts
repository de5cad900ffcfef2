import { type MigrationInterface } from 'typeorm';
import { Initial1763900000000 } from './1763900000000-Initial.js';
import { Runs1795500000000 } from './1795500000000-Runs.js';
import { Publishing1795600000000 } from './1795600000000-Publishing.js';
import { Sessions1795800000000 } from './1795800000000-Sessions.js';
import { Knowledge1796000000000 } from './1796000000000-Knowledge.js';
import { Schedules1796100000000 } from './1796100000000-Schedules.js';

/**
 * Every migration, oldest first. Hand-written SQL that runs on Postgres 15+ and PGlite; they run
 * at start-up (`migrationsRun`). Append new ones at the end, with a later timestamp in the class
 * name (`<Name><13-digit ms timestamp>`). Never edit one that has shipped.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1763900000000,
  Runs1795500000000,
  Publishing1795600000000,
  Sessions1795800000000,
  Knowledge1796000000000,
  Schedules1796100000000,
];
