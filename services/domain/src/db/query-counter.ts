import type { Logger as TypeOrmLogger } from 'typeorm';

/** A TypeORM logger that only counts SQL statements, to prove a page costs a fixed number of queries. */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  logQuery(): void {
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
