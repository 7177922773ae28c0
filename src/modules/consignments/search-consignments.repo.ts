/** Search Consignments' queries (spec §4.5): conditions → SQL on the search columns, newest first. */
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, DbOrTx } from '../../db/schema.js';
import type { Customer } from '../deps.js';
import type { StoredConsignment } from './consignment.js';
import { COLUMNS, fromRow } from './consignments.repo.js';
import type { Condition } from './search-filters.js';

type Eb = ExpressionBuilder<Database, 'consignments'>;

/** `%`, `_` and the escape character itself, made literal for LIKE … ESCAPE '\'. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (column: string, term: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like ${`%${likeLiteral(term.toLowerCase())}%`} escape '\\'`;

function where(eb: Eb, c: Condition) {
  switch (c.kind) {
    case 'date':
      return eb(c.column, c.op, c.value);
    case 'number':
      return eb(c.column, c.op, c.value);
    case 'equals':
      return eb(c.column, '=', c.value);
    case 'states':
      return eb('state', 'in', c.values);
    case 'carriers':
      return eb('carrier_reference', 'in', c.values);
    case 'labelsPrinted':
      return eb('labels_printed', '=', c.value ? 1 : 0);
    case 'postcode': {
      const squeezed = (column: string) => sql<string>`upper(replace(${sql.ref(column)}, ' ', ''))`;
      return eb.or([eb(squeezed('origin_postcode'), '=', c.value), eb(squeezed('destination_postcode'), '=', c.value)]);
    }
    case 'region':
      return eb(sql<string>`lower(destination_region)`, '=', c.value.toLowerCase());
    case 'tracking':
      // Space-separated tracking numbers: match one whole number.
      return sql<boolean>`(' ' || tracking_references || ' ') like ${`% ${likeLiteral(c.value)} %`} escape '\\'`;
    case 'searchTerm':
      return eb.or(
        ['reference', 'customer_consignment_reference', 'tracking_references', 'destination_postcode', 'destination_address_line1']
          .map((column) => contains(column, c.value)),
      );
    case 'package':
      return eb.exists(
        eb.selectFrom('consignment_packages')
          .select('consignment_packages.id')
          .whereRef('consignment_packages.consignment_id', '=', 'consignments.id')
          .where('consignment_packages.reference', '=', c.reference),
      );
  }
}

function filtered(db: DbOrTx, customerId: number, conditions: readonly Condition[]): SelectQueryBuilder<Database, 'consignments', object> {
  let query = db.selectFrom('consignments').where('customer_id', '=', customerId);
  for (const c of conditions) query = query.where((eb) => where(eb, c));
  return query;
}

/** One page of matches, newest first: `created_at desc, reference desc`, read backwards from the `consignments_customer_created` index. */
export function pageQuery(db: DbOrTx, customerId: number, conditions: readonly Condition[], page: { take: number; skip: number }) {
  return filtered(db, customerId, conditions).select(COLUMNS).orderBy('created_at', 'desc').orderBy('reference', 'desc').limit(page.take).offset(page.skip);
}

/** One page and the total number of matches. */
export async function searchConsignments(
  db: DbOrTx,
  customer: Customer,
  conditions: readonly Condition[],
  page: { take: number; skip: number },
): Promise<{ count: number; consignments: StoredConsignment[] }> {
  const [count, rows] = await Promise.all([countConsignments(db, customer.id, conditions), pageQuery(db, customer.id, conditions, page).execute()]);
  return { count, consignments: rows.map((r) => fromRow(customer, r)) };
}

export async function countConsignments(db: DbOrTx, customerId: number, conditions: readonly Condition[]): Promise<number> {
  const row = await filtered(db, customerId, conditions).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** References of the matches, newest first; at most `limit`. */
export async function searchReferences(db: DbOrTx, customerId: number, conditions: readonly Condition[], limit: number): Promise<string[]> {
  const rows = await filtered(db, customerId, conditions).select('reference').orderBy('created_at', 'desc').orderBy('reference', 'desc').limit(limit).execute();
  return rows.map((r) => r.reference);
}
