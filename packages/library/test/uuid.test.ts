import { describe, expect, it } from 'vitest';
import { isUuid, uuidv5 } from '../src/index.js';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidv5', () => {
  it('matches the reference vectors', () => {
    expect(uuidv5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidv5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('handles long and non-ASCII names', () => {
    const long = 'x'.repeat(1000);
    expect(isUuid(uuidv5(long, DNS))).toBe(true);
    expect(uuidv5('Écoute attentive', DNS)).toBe(uuidv5('Écoute attentive', DNS));
    expect(uuidv5('Écoute attentive', DNS)).not.toBe(uuidv5('Ecoute attentive', DNS));
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidv5('a', 'nope')).toThrow();
  });
});
