// Human-readable verdicts: one table per camera.
import type { DiagnosisStatus } from '../../shared/diagnosis/types.ts';
import type { CameraDiagnosis } from '../core/diagnosis/camera-probe.ts';
import type { Language } from '../core/diagnosis/result-rows.ts';

const STATUS_TEXT: Record<DiagnosisStatus, Record<Language, string>> = {
  normal: { 'zh-CN': '正常', en: 'normal' },
  warning: { 'zh-CN': '警告', en: 'warning' },
  error: { 'zh-CN': '异常', en: 'error' },
  critical: { 'zh-CN': '严重', en: 'critical' },
};

const HEADERS: Record<Language, string[]> = {
  'zh-CN': ['检测项', '状态', '得分', '测量值', '阈值', '说明'],
  en: ['check', 'status', 'score', 'value', 'threshold', 'message'],
};

// CJK characters take two terminal columns.
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function formatNumber(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}

function formatThresholds(threshold: Record<string, number>): string {
  return Object.entries(threshold)
    .map(([k, v]) => `${k}=${formatNumber(v)}`)
    .join(' ');
}

export function renderTable(d: CameraDiagnosis, title: string, lang: Language): string {
  const rows = d.results.map((r) => [
    r.type,
    STATUS_TEXT[r.status][lang],
    r.score.toFixed(0),
    formatNumber(r.metrics.value),
    formatThresholds(r.threshold),
    (r.error ?? r.detail) ? `${r.message[lang]} (${r.error ?? r.detail})` : r.message[lang],
  ]);
  const all = [HEADERS[lang], ...rows];
  const widths = HEADERS[lang].map((_, c) => Math.max(...all.map((row) => displayWidth(row[c] ?? ''))));
  const line = (row: string[]) => row.map((cell, c) => (c === row.length - 1 ? cell : pad(cell, widths[c] ?? 0))).join('  ');
  const abnormal = d.results.filter((r) => r.status !== 'normal').length;
  const summary =
    lang === 'zh-CN'
      ? `${abnormal === 0 ? '全部正常' : `${abnormal} 项异常`}，用时 ${d.totalMs} ms`
      : `${abnormal === 0 ? 'all normal' : `${abnormal} abnormal`}, ${d.totalMs} ms`;
  const snapshot = d.snapshotPath ? `\n${lang === 'zh-CN' ? '快照' : 'snapshot'}: ${d.snapshotPath}` : '';
  return `== ${title}  (${summary})\n${all.map(line).join('\n')}${snapshot}\n`;
}
