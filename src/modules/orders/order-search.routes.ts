/** [EXT] Search Orders: `GET /orders/{take}/{skip}?…` → `{ Count, OrderSummaries }`, like Search Consignments. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { readJson } from '../../db/schema.js';
import { parsePaging } from '../consignments/search-filters.js';
import { PagingParams } from '../consignments/consignments.schemas.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import type { OrderDocument } from './order.js';
import { ORDER_FILTER_NAMES, parseOrderFilters } from './search-orders.js';
import { type OrderSummaryRow, searchOrders } from './search-orders.repo.js';

const Filters = Type.Object(Object.fromEntries(ORDER_FILTER_NAMES.map((name) => [name, Type.Optional(Type.String())])));

/** What a list needs to tell orders apart and show progress; Get Order has the rest. */
function presentOrderSummary(row: OrderSummaryRow, href: string) {
  const document = readJson<OrderDocument>(row.document);
  const destination = document.Addresses.find((a) => a.AddressType === 'Destination');
  const origin = document.Addresses.find((a) => a.AddressType === 'Origin');
  const contact = destination?.Contact;
  return {
    OrderReference: row.reference,
    OrderReferenceProvidedByCustomer: row.customerReference,
    DateCreated: row.createdAt,
    ShippingDate: row.shippingDate,
    Direction: row.direction,
    PackingStatus: row.packingStatus,
    Lines: document.Packages.reduce((n, p) => n + p.Items.length, 0),
    Units: row.units,
    UnitsOutstanding: row.unitsOutstanding,
    ShippingLocationReference: origin?.ShippingLocationReference ?? null,
    DestinationName: [contact?.FirstName, contact?.LastName].filter(Boolean).join(' ') || destination?.CompanyName || null,
    DestinationPostcode: destination?.Postcode ?? null,
    DestinationCountryCode: destination?.Country?.IsoCode?.TwoLetterCode ?? null,
    Tags: document.Tags,
    ApiLinks: [{ Rel: 'Order', Href: href }],
  };
}

export function orderSearchRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  app.get('/orders/:take/:skip', {
    schema: { tags: ['Orders'], summary: '[EXT] Search Orders (newest first, with packing status)', params: PagingParams, querystring: Filters },
  }, async (req) => {
    const { take, skip } = req.params as { take: string; skip: string };
    const page = parsePaging(take, skip);
    const { count, rows } = await searchOrders(deps.db, ctx.customerOf(req), parseOrderFilters(req.query as Record<string, unknown>), page);
    return { Count: count, OrderSummaries: rows.map((r) => presentOrderSummary(r, ctx.href(`/orders/${r.reference}`))) };
  });
}
