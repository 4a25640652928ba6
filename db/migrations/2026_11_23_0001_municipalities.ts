import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipalities')
    .addColumn('lg_code', 'char(6)', (c) => c.primaryKey())
    .addColumn('pref_code', 'char(2)', (c) => c.notNull())
    .addColumn('pref_name', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_kana', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('seirei', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('chukaku', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('kencho', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('metro_area', 'text')
    .addColumn('joken_furi', 'text')
    .addColumn('kaso', 'text')
    .addColumn('kaso_area', 'text')
    .addColumn('jinko_genshou', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('teijuu', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('teijuu_ken', 'text')
    .addColumn('teijuu_since', 'text')
    .addColumn('eligible_1433', 'boolean', (c) => c.notNull())
    .addColumn('eligible_1375', 'boolean', (c) => c.notNull())
    .addColumn('eligibility_basis', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('list_fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('municipalities_lg_code_digits', sql`lg_code ~ '^[0-9]{6}$'`)
    .execute();
  await db.schema.createIndex('municipalities_pref_idx').on('municipalities').columns(['pref_code', 'lg_code']).execute();
  await db.schema.createIndex('municipalities_name_idx').on('municipalities').column('name').execute();
}
