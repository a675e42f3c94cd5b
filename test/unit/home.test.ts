import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { homeFolder } from '../../src/util/home.js';

describe('homeFolder', () => {
  it('is $HOME when set, else what the system says', () => {
    expect(homeFolder({ HOME: '/somewhere/else' })).toBe('/somewhere/else');
    expect(homeFolder({})).toBe(homedir());
    expect(homeFolder({ HOME: '' })).toBe(homedir());
  });
});
