import { describe, expect, it } from 'vitest';
import { closest } from '../../src/util/similar.js';

describe('closest: what a mistyped word most likely is', () => {
  it.each([
    ['doctr', 'doctor'],
    ['valdiate', 'validate'],
    ['Doctor', 'doctor'],
    ['ASSET_PURCHASE_REQUEST_PROCESSING', 'asset_purchase_request_processing'],
    ['asset_purchase_request_procesing', 'asset_purchase_request_processing'],
  ])('%s → %s', (word, expected) => {
    expect(closest(word, ['doctor', 'validate', 'asset_purchase_request_processing'])).toBe(expected);
  });

  it('offers nothing for a word that is a candidate, or too far from every one', () => {
    expect(closest('doctor', ['doctor', 'docker'])).toBeUndefined();
    expect(closest('run', ['bump'])).toBeUndefined();
    expect(closest('my_extension', ['events', 'validate', 'update'])).toBeUndefined();
  });
});
