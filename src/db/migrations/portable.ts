import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/** Column types that mean the same on SQLite and PostgreSQL. */
export function portable(db: Kysely<any>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    /** An auto-increment integer primary key. */
    id<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
      return postgres
        ? table.addColumn('id', 'bigserial', (c: ColumnDefinitionBuilder) => c.primaryKey())
        : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
    },
    json: postgres ? ('jsonb' as const) : ('text' as const),
    bigint: postgres ? ('bigint' as const) : ('integer' as const),
  };
}
