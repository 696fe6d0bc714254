import 'reflect-metadata';
import { DataSource, type Logger } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../../../migrations';

export interface DataSourceOptions {
  databaseUrl: string;
  poolSize?: number;
  /** Receives every SQL statement (used to count queries in tests and benchmarks). */
  logger?: Logger;
}

/** Builds the DataSource over PostgreSQL; schema changes come only from migrations. */
export function createDataSource({ databaseUrl, poolSize = 10, logger }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize },
    logger,
    logging: logger ? ['query'] : false,
  });
}

/** The DataSource the TypeORM CLI uses (`npm run migration:generate`). */
export default createDataSource({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/switchboard' });
