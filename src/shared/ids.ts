import { randomBytes, randomUUID } from 'node:crypto';

/** Random identifiers, injected so tests can make them predictable. */
export interface Ids {
  /** 32 lower-case hex characters: item and manifest references (spec §1.3). */
  hex32(): string;
  /** A GUID with dashes: customer references, correlation ids. */
  uuid(): string;
}
export const randomIds: Ids = {
  hex32: () => randomBytes(16).toString('hex'),
  uuid: () => randomUUID(),
};
