// Guards against JSON nested so deep that recursive code further on would overflow the stack.

/**
 * No task nests JSON this deep. JSON.parse copes with any depth, but recursive code later (storing
 * the envelope as JSON) overflows the stack, before the run's start is counted: an endless requeue.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays/objects deeper than `max` levels (iterative: no stack to overflow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
