// The detail panel's measure in words with units, in both UI languages.
import { describe, expect, it } from 'vitest';
import { measureLine, type MeasureSource } from '../../renderer/src/format/measure.ts';
import { createI18n } from '../../renderer/src/i18n/create-i18n.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';

const en = createI18n('en');
const zh = createI18n('zh-CN');

function row(diagnosis_type: string, metrics: MeasureSource['metrics'], detail?: string): MeasureSource {
  const thresholds = diagnosis_type in DEFAULT_THRESHOLDS ? { ...DEFAULT_THRESHOLDS[diagnosis_type as keyof typeof DEFAULT_THRESHOLDS] } : {};
  return { diagnosis_type, metrics, thresholds, finding: detail === undefined ? null : { detail } };
}

describe('measure in words', () => {
  it('says a frozen picture as the time it did not change, against its limit', () => {
    expect(measureLine(row('freeze', { value: 0, spanSeconds: 1.8 }), en.t, 'en')).toBe('Frozen: no change in 1.8 s; limit 1%');
    expect(measureLine(row('freeze', { value: 0, spanSeconds: 1.8 }), zh.t, 'zh-CN')).toBe('画面冻结：1.8 秒内无变化；阈值 1%');
    expect(measureLine(row('freeze', { value: 0.23, spanSeconds: 1.75 }), en.t, 'en')).toBe('Live: at least 23% of the pixels changed in 1.8 s; limit 1%');
  });

  it('gives the limit the way the check reads it: a band, a floor, a ceiling, warning and severe levels', () => {
    expect(measureLine(row('brightness', { value: 12.34 }), en.t, 'en')).toBe('Mean brightness: 12.3; normal 30 to 220');
    expect(measureLine(row('clarity', { value: 64.2 }), zh.t, 'zh-CN')).toBe('清晰度：64.2；阈值：不低于 100');
    expect(measureLine(row('noise', { value: 17 }), en.t, 'en')).toBe('Noise level: 17; limit: at most 15');
    expect(measureLine(row('occlusion', { value: 0.71 }), en.t, 'en')).toBe('Covered area: 71%; warning from 30%, severe from 60%');
    expect(measureLine(row('blue_screen', { value: 0.9 }), zh.t, 'zh-CN')).toBe('蓝色区域：90%；40% 起告警，80% 起严重');
  });

  it('has nothing to say for a camera that gave no picture, a check not assessed or an unknown type', () => {
    expect(measureLine(row('signal_loss', { value: 1 }, 'refused: connection refused'), en.t, 'en')).toBeNull();
    expect(measureLine(row('clarity', { value: 12, not_assessed: 1 }), en.t, 'en')).toBeNull();
    expect(measureLine(row('thermal', { value: 3 }), en.t, 'en')).toBeNull();
  });
});
