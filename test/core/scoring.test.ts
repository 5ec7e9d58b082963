import { describe, expect, it } from 'vitest';
import { scoreFromSeverity, severityAbove, severityBelow, statusFromScore } from '../../main/core/diagnosis/scoring.ts';

describe('scoring', () => {
  it('maps severity onto the platform bands', () => {
    expect(scoreFromSeverity(0)).toBe(100);
    expect(scoreFromSeverity(1)).toBe(60);
    expect(scoreFromSeverity(2)).toBe(40);
    expect(scoreFromSeverity(3)).toBe(20);
    expect(scoreFromSeverity(10)).toBe(0);
    expect(scoreFromSeverity(Number.NaN)).toBe(20);
    expect(statusFromScore(100)).toBe('normal');
    expect(statusFromScore(60)).toBe('normal');
    expect(statusFromScore(59.9)).toBe('warning');
    expect(statusFromScore(40)).toBe('warning');
    expect(statusFromScore(39)).toBe('error');
    expect(statusFromScore(19)).toBe('critical');
  });

  it('is monotonic and continuous at the thresholds', () => {
    expect(severityAbove(0.3, 0.3, 0.6)).toBe(1);
    expect(severityAbove(0.6, 0.3, 0.6)).toBe(2);
    expect(severityAbove(0.45, 0.3, 0.6)).toBeCloseTo(1.5);
    expect(severityAbove(0.15, 0.3, 0.6)).toBeCloseTo(0.5);
    expect(severityBelow(100, 100)).toBe(1);
    expect(severityBelow(200, 100)).toBe(0);
    expect(severityBelow(50, 100)).toBe(2);
    expect(severityBelow(0, 100)).toBe(3);
    let last = -1;
    for (let v = 300; v >= 0; v -= 5) {
      const s = severityBelow(v, 100);
      expect(s).toBeGreaterThanOrEqual(last);
      last = s;
    }
  });
});
