/** Quotes as priced (spec §13): one row per quoted service, grouped by request reference. */
import { type DbOrTx, readJson } from '../../db/schema.js';
import type { Address } from '../../shared/wire/model.js';
import type { Rate } from '../consignments/consignment.js';

/** The `Quote` of §13, as answered and stored. */
export interface Quote {
  QuoteReference: string;
  CreationDate: string;
  ExpiryDate: string;
  Requestor: string | null;
  ConsignmentReference: string;
  ConsignmentReferenceProvidedByCustomer: string;
  MpdCarrierServiceReference: string;
  MpdCarrierService: string;
  MpdCarrierServiceSource: 'Internal';
  CarrierReference: string;
  OriginAddress: Address | null;
  DestinationAddress: Address | null;
  CollectionDate: string;
  EarliestDeliveryDate: string;
  LatestDeliveryDate: string;
  BasePrice: Rate;
  Price: Rate;
  Surcharges: unknown[];
  Legs: unknown[];
  CarrierAccountOwner: string;
  IsElectioService: boolean;
  ServiceDirection: string;
}

export interface StoredQuote {
  quote: Quote;
  requestReference: string;
  /** The consignment the quote was made for; null for a quote of an uncreated consignment. */
  consignmentReference: string | null;
  expiresAt: string;
}

export async function insertQuotes(db: DbOrTx, customerId: number, requestReference: string, consignmentReference: string | null, quotes: readonly Quote[]): Promise<void> {
  if (quotes.length === 0) return;
  await db.insertInto('quotes').values(quotes.map((q) => ({
    customer_id: customerId,
    reference: q.QuoteReference,
    request_reference: requestReference,
    consignment_reference: consignmentReference,
    service_reference: q.MpdCarrierServiceReference,
    created_at: q.CreationDate,
    expires_at: q.ExpiryDate,
    document: JSON.stringify(q),
  }))).execute();
}

export async function findQuote(db: DbOrTx, customerId: number, reference: string): Promise<StoredQuote | undefined> {
  const row = await db.selectFrom('quotes').select(['document', 'request_reference', 'consignment_reference', 'expires_at'])
    .where('customer_id', '=', customerId).where('reference', '=', reference.toLowerCase()).executeTakeFirst();
  return row && { quote: readJson<Quote>(row.document), requestReference: row.request_reference, consignmentReference: row.consignment_reference, expiresAt: row.expires_at };
}

export async function listQuotesOfRequest(db: DbOrTx, customerId: number, requestReference: string): Promise<Quote[]> {
  const rows = await db.selectFrom('quotes').select('document').where('customer_id', '=', customerId)
    .where('request_reference', '=', requestReference.toLowerCase()).orderBy('id').execute();
  return rows.map((r) => readJson<Quote>(r.document));
}
