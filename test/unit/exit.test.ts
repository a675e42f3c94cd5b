import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitWhenIdle } from '../../src/cli.js';

describe('exitWhenIdle', () => {
  afterEach(() => vi.restoreAllMocks());

  it('ends the process only when nothing would keep Node running', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const active = vi.spyOn(process, 'getActiveResourcesInfo');
    for (const pending of [['TCPServerWrap'], ['ProcessWrap', 'PipeWrap'], ['Timeout'], ['WriteWrap']]) {
      active.mockReturnValueOnce(pending);
      exitWhenIdle();
    }
    expect(exit).not.toHaveBeenCalled();
    active.mockReturnValueOnce([]);
    exitWhenIdle();
    expect(exit).toHaveBeenCalledTimes(1);
  });
});
