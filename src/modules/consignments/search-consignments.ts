/** Search Consignments, Get Consignments References and Count (spec §4.5). */
import { AppError } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import type { StoredConsignment } from './consignment.js';
import { countConsignments, searchConsignments, searchReferences } from './search-consignments.repo.js';
import { parsePaging, parseSearchFilters } from './search-filters.js';

/** [DECIDE] Get Consignments References answers at most this many (PRO documents no cap). */
export const MAX_REFERENCES = 10_000;

export async function searchPage(
  deps: Pick<Deps, 'db'>,
  customer: Customer,
  paging: { take: string; skip: string },
  query: Readonly<Record<string, unknown>>,
): Promise<{ count: number; consignments: StoredConsignment[] }> {
  const page = parsePaging(paging.take, paging.skip);
  return searchConsignments(deps.db, customer, parseSearchFilters(query), page);
}

export async function consignmentReferences(deps: Pick<Deps, 'db'>, customer: Customer, query: Readonly<Record<string, unknown>>): Promise<string[]> {
  const references = await searchReferences(deps.db, customer.id, parseSearchFilters(query), MAX_REFERENCES + 1);
  if (references.length > MAX_REFERENCES) {
    throw new AppError('TooManyResults', `More than ${MAX_REFERENCES} consignments match; narrow the search (for example with createdDateFrom/createdDateTo) or page through Search Consignments.`);
  }
  return references;
}

export async function consignmentCount(deps: Pick<Deps, 'db'>, customer: Customer, query: Readonly<Record<string, unknown>>): Promise<number> {
  return countConsignments(deps.db, customer.id, parseSearchFilters(query));
}
