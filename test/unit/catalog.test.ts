import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, EXTENSION_TYPES, eventsFor, findEvent } from '../../src/catalog/events.js';
import { parseRange, pythonMinorsIn } from '../../src/catalog/pins.js';
import { sampleRequest } from '../../src/catalog/samples.js';

describe('event catalog', () => {
  it('has unique event types, each with a known category and at least one extension type', () => {
    const types = EVENT_CATALOG.map((event) => event.type);
    expect(new Set(types).size).toBe(types.length);
    for (const event of EVENT_CATALOG) {
      expect(['background', 'interactive']).toContain(event.category);
      expect(event.extensionTypes.length).toBeGreaterThan(0);
      for (const type of event.extensionTypes) expect(EXTENSION_TYPES).toContain(type);
      expect(new Set(event.statuses).size).toBe(event.statuses.length);
    }
  });

  it('offers interactive events only to Fulfillment Automation (products)', () => {
    for (const type of ['hub', 'multiaccount'] as const) expect(eventsFor(type, 'interactive')).toEqual([]);
    expect(eventsFor('products', 'interactive').map((event) => event.type)).toContain('product_action_execution');
  });

  it('records the status differences the API has between similar events', () => {
    expect(findEvent('asset_purchase_request_processing')?.statuses).toContain('inquiring');
    expect(findEvent('asset_cancel_request_processing')?.statuses).not.toContain('inquiring');
    expect(findEvent('usage_file_request_processing')?.statuses).not.toContain('processed');
    expect(findEvent('product_action_execution')?.statuses).toEqual([]);
  });

  it('has a sample object for every event, carrying the given status', () => {
    for (const event of EVENT_CATALOG) {
      const sample = sampleRequest(event, event.statuses[0]);
      expect(sample.id).toMatch(/^[A-Z]+-/);
      if (event.statuses[0]) expect(sample.status ?? sample.state).toBe(event.statuses[0]);
    }
  });
});

describe('python matrix from a version range', () => {
  it.each([
    ['>=3.9,<3.13', ['3.9', '3.10', '3.11', '3.12']],
    ['^3.10', ['3.10', '3.11', '3.12', '3.13', '3.14']],
    ['~3.11', ['3.11']],
    ['>3.9, <=3.11', ['3.10', '3.11']],
    ['>=3.10 <3.12', ['3.10', '3.11']],
    ['3.9 || 3.12.*', ['3.9', '3.12']],
    ['~=3.12', ['3.12', '3.13', '3.14']],
    ['>=3.9,<4', ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14']],
    ['>=3.9,!=3.10,<3.12', ['3.9', '3.11']],
    ['>=3.11.4,<3.12.1', ['3.11', '3.12']],
    ['*', ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']],
    ['>=4', []],
    ['~=3.9.1', ['3.9']],
    ['>=3.9rc1 <3.13', ['3.9', '3.10', '3.11', '3.12']],
    ['>=3.9.dev0 , <3.11', ['3.9', '3.10']],
    ['>3', []],
    ['>2,<3.10', ['3.8', '3.9']],
    ['not a range', []],
    ['<3', []],
    ['^2.7', []],
  ])('%s', (range, minors) => {
    expect(pythonMinorsIn(range)).toEqual(minors);
  });
});

describe('Poetry version ranges', () => {
  it('reads the forms Poetry accepts, as alternatives of constraints', () => {
    expect(parseRange('>=3.9,<3.13')).toEqual([[{ operator: '>=', release: [3, 9] }, { operator: '<', release: [3, 13] }]]);
    expect(parseRange('3.9 || ^3.11')).toEqual([[{ operator: '==', release: [3, 9] }], [{ operator: '^', release: [3, 11] }]]);
    for (const range of ['>= 3.9, < 3.13', '>=3.10 <3.12', '3.11.*', '~3.11', '~=3.12', '*', '==1.2.3', '>=1.0.0-beta', '>=2.0rc1', '>=1.0.post2', '!=3.10']) {
      expect(parseRange(range), range).toBeDefined();
    }
  });

  it('refuses anything else, in one pass even over long input', () => {
    for (const range of ['bogus', 'x', '>=', '3.9,', '<4,', '>=3.9,,<4', '3.9 ||', '>=3.9 and <4', '1'.repeat(100_000) + 'x', '1 , '.repeat(50_000) + 'x', '>= '.repeat(50_000)]) {
      expect(parseRange(range), range.slice(0, 20)).toBeUndefined();
    }
  });
});
