import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG, EXTENSION_TYPES, eventsFor, findEvent } from '../../src/catalog/events.js';
import { pythonMinorsIn } from '../../src/catalog/pins.js';
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
    ['>3,<3.10', ['3.8', '3.9']],
    ['<3', []],
    ['^2.7', []],
  ])('%s', (range, minors) => {
    expect(pythonMinorsIn(range)).toEqual(minors);
  });
});
