import { describe, expect, it } from 'vitest';
import { parseDiagnoseArgs } from '../../main/cli/diagnose-options.ts';
import { systemLanguage } from '../../main/cli/language.ts';

function fails(argv: string[]): string {
  const r = parseDiagnoseArgs(argv, 'en');
  if (r.ok !== false) throw new Error(`expected a failure for ${argv.join(' ')}`);
  return r.message;
}

describe('diagnose options', () => {
  it('parses every option', () => {
    const r = parseDiagnoseArgs(
      ['a.mp4', 'rtsp://h/x', '--types', 'brightness,noise', '--frames', '3', '--json', '--timeout', '2.5', '--snapshot-dir', 'snaps', '--thresholds', '{"threshold":0.8}', '--width', '320', '--parallel', '2', '--lang', 'zh-CN'],
      'en',
    );
    expect(r.ok).toBe(true);
    if (r.ok !== true) return;
    expect(r.options).toMatchObject({
      sources: ['a.mp4', 'rtsp://h/x'],
      types: ['brightness', 'noise'],
      frames: 3,
      json: true,
      timeoutMs: 2500,
      snapshotDir: 'snaps',
      thresholdConfig: { threshold: 0.8 },
      width: 320,
      parallel: 2,
      lang: 'zh-CN',
    });
  });

  it('runs every check but scene_change by default, and scene_change too with a reference', () => {
    const plain = parseDiagnoseArgs(['a.mp4'], 'en');
    const withRef = parseDiagnoseArgs(['a.mp4', '--reference', 'b.jpg'], 'en');
    if (plain.ok !== true || withRef.ok !== true) throw new Error('parse failed');
    expect(plain.options.types).toHaveLength(15);
    expect(plain.options.types).not.toContain('scene_change');
    expect(withRef.options.types).toContain('scene_change');
  });

  it('rejects bad arguments with a message naming the problem', () => {
    expect(fails([])).toMatch(/no source/);
    expect(fails(['a.mp4', '--types', 'brightness,sharpness'])).toMatch(/unknown check type\(s\): sharpness/);
    expect(fails(['a.mp4', '--frames', '0'])).toMatch(/--frames must be at least 1/);
    expect(fails(['a.mp4', '--frames', 'many'])).toMatch(/--frames must be a number/);
    expect(fails(['a.mp4', '--timeout=-1'])).toMatch(/--timeout must be above 0/);
    expect(fails(['a.mp4', '--thresholds', '[1]'])).toMatch(/--thresholds must be a JSON object/);
    expect(fails(['a.mp4', '--thresholds', '{bad'])).toMatch(/--thresholds must be a JSON object/);
    expect(fails(['a.mp4', '--lang', 'fr'])).toMatch(/--lang must be zh-CN or en/);
    expect(fails(['a.mp4', '--bogus'])).toMatch(/bogus/);
  });

  it('takes the language from the system locale', () => {
    expect(systemLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(systemLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(systemLanguage({ LANG: 'C.UTF-8' })).toBe('en');
  });
});
