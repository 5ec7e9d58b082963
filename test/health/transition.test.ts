import { describe, expect, it } from 'vitest';
import { nextStreak, UNKNOWN, type HealthChange, type HealthStreak } from '../../main/core/health/transition.ts';

/** Runs one after another (1 = abnormal), a second apart: the states and changes seen. */
function replay(runs: string, confirmRuns: number): { states: string; changes: HealthChange[]; last: HealthStreak } {
  let s = UNKNOWN;
  const states: string[] = [];
  const changes: HealthChange[] = [];
  [...runs].forEach((r, i) => {
    const next = nextStreak(s, r === '1', (i + 1) * 1000, confirmRuns);
    s = next.streak;
    states.push(s.state[0]!);
    if (next.change) changes.push(next.change);
  });
  return { states: states.join(''), changes, last: s };
}

describe('nextStreak', () => {
  it('one bad run between good ones never flaps (N = 2)', () => {
    expect(replay('0101010', 2)).toMatchObject({ states: 'nnnnnnn', changes: [] });
  });
  it('N abnormal in a row go bad, N normal in a row recover; since is the first run of the streak', () => {
    const r = replay('0011', 2);
    expect(r).toMatchObject({ states: 'nnna', changes: ['went_abnormal'] });
    expect(r.last.since).toBe(3000);
    const back = replay('00110100', 2);
    expect(back).toMatchObject({ states: 'nnnaaaan', changes: ['went_abnormal', 'recovered'] });
    expect(back.last.since).toBe(7000);
  });
  it('an unknown camera: a normal run settles at once, abnormal ones still need confirming', () => {
    expect(replay('0', 3).states).toBe('n');
    expect(replay('110', 3)).toMatchObject({ states: 'uun', changes: [] });
    expect(replay('111', 3)).toMatchObject({ states: 'uua', changes: ['went_abnormal'] });
  });
  it('N = 1 follows every run', () => {
    expect(replay('0101', 1)).toMatchObject({ states: 'nana', changes: ['went_abnormal', 'recovered', 'went_abnormal'] });
  });
  it('counts the disagreeing runs while waiting', () => {
    expect(replay('0111', 4).last).toMatchObject({ state: 'normal', pendingToward: 'abnormal', pendingRuns: 3, pendingSince: 2000 });
  });
});
