import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { homeFolder } from '../../src/util/home.js';

describe('homeFolder', () => {
  it("is $HOME when set (but on Windows, where HOME is not the user's home), else what the system says", () => {
    expect(homeFolder({ HOME: '/somewhere/else' })).toBe(process.platform === 'win32' ? homedir() : '/somewhere/else');
    expect(homeFolder({ HOME: '' })).toBe(homedir());
  });
});
