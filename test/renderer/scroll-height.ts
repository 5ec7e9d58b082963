// happy-dom lays nothing out: give the scrolling bodies of virtualized tables a real height, so the
// virtualizer computes its window as in a 1200x800 window. For the calling test file.
import { afterAll, beforeAll } from 'vitest';

export function useScrollHeight(testIds: readonly string[], px = 720): void {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return testIds.includes(this.dataset.testid ?? '') ? px : 0;
      },
    });
  });
  afterAll(() => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
  });
}
