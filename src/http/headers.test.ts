import { describe, expect, it } from 'vitest';
import { acceptsJson } from './headers.js';

describe('acceptsJson (spec §1.1: Accept; JSON by default, XML-only → 406)', () => {
  it.each<[string, string | undefined, boolean]>([
    ['an absent header', undefined, true],
    ['an empty header', '', true],
    ['a blank header', '   ', true],
    ['*/*', '*/*', true],
    ['application/*', 'application/*', true],
    ['application/json', 'application/json', true],
    ['application/json; charset=utf-8', 'application/json; charset=utf-8', true],
    ['APPLICATION/JSON (any case)', 'APPLICATION/JSON', true],
    ['application/problem+json', 'application/problem+json', true],
    ['application/json with q=0.5', 'application/json;q=0.5', true],
    ['XML first, JSON second', 'application/xml, application/json', true],
    ['a browser accept string', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/xml', 'text/xml', false],
    ['application/xml', 'application/xml', false],
    ['text/html', 'text/html', false],
    ['text/*', 'text/*', false],
    ['application/xml, application/json;q=0', 'application/xml, application/json;q=0', false],
    ['application/json;q=0.0', 'application/json;q=0.0', false],
    ['*/*;q=0', '*/*;q=0', false],
    ['application/json ; q=0 (spaces)', 'application/json ; q=0', false],
  ])('%s → %s', (_label, accept, expected) => {
    expect(acceptsJson(accept)).toBe(expected);
  });
});
