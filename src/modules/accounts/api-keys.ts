import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are 40 random hex characters behind a `plk_` marker. Only their sha256 is stored; the
 * first 12 characters (`plk_` + 8) are kept in clear so a key can be recognised and revoked.
 */
export const KEY_PREFIX_LENGTH = 12;
export const newApiKey = (): string => `plk_${randomBytes(20).toString('hex')}`;
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
export const keyPrefix = (key: string): string => key.slice(0, KEY_PREFIX_LENGTH);
