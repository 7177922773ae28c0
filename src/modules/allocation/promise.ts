/**
 * A service's delivery promise for a consignment (spec §5.2, §5.4 step 2): the collection day is
 * the requested shipping day, or today when booked before the service's cut-off, else the next
 * working day; delivery is `minDays`…`maxDays` working days later (Saturdays only if the service
 * delivers then). Dates are UTC; a collection calendar (§15) would refine this per location.
 */
import type { TransitPromise } from '../../carriers/carrier.js';

export interface DeliveryPromise {
  collectionDate: Date;
  earliestDelivery: Date;
  latestDelivery: Date;
}

const DAY = 86_400_000;
const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const isWorkingDay = (d: Date, saturday = false) => {
  const day = d.getUTCDay();
  return day !== 0 && (day !== 6 || saturday);
};

function nextWorkingDay(d: Date, saturday = false): Date {
  let next = new Date(d.getTime());
  while (!isWorkingDay(next, saturday)) next = new Date(next.getTime() + DAY);
  return next;
}

function addWorkingDays(from: Date, days: number, saturday = false): Date {
  let d = from;
  for (let i = 0; i < days; i++) d = nextWorkingDay(new Date(d.getTime() + DAY), saturday);
  return d;
}

/** Collection and delivery dates: collection at 17:00, delivery window ends 18:00 (UTC). */
export function promiseFor(promise: TransitPromise, now: Date, shippingDate: Date | null): DeliveryPromise {
  const today = startOfDay(now);
  let collection: Date;
  if (shippingDate && startOfDay(shippingDate).getTime() > today.getTime()) {
    collection = nextWorkingDay(startOfDay(shippingDate));
  } else {
    const beforeCutOff = now.getUTCHours() < promise.cutOffHourUtc;
    collection = beforeCutOff && isWorkingDay(today) ? today : nextWorkingDay(new Date(today.getTime() + DAY));
  }
  const earliest = addWorkingDays(collection, promise.minDays, promise.saturday);
  const latest = addWorkingDays(collection, promise.maxDays, promise.saturday);
  return {
    collectionDate: new Date(collection.getTime() + 17 * 3_600_000),
    earliestDelivery: new Date(earliest.getTime() + 9 * 3_600_000),
    latestDelivery: new Date(latest.getTime() + 18 * 3_600_000),
  };
}
