/** A bound on an adapter call: past `ms` the caller gets a CarrierError and moves on (the call itself is abandoned). */
import { CarrierError } from './carrier.js';

export function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CarrierError(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
