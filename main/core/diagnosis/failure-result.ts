// A camera that cannot be opened is the most common fault in the field: it becomes a
// signal_loss verdict carrying the classified reason.
import type { CheckResult, CheckType, LocalizedText } from '../../../shared/diagnosis/types.ts';
import { DEFAULT_THRESHOLDS } from '../../../shared/diagnosis/thresholds.ts';
import type { FailureKind, SourceFailure } from './source/failure.ts';

const REASONS: Record<FailureKind, LocalizedText> = {
  invalid_source: { 'zh-CN': '视频源地址无效', en: 'Invalid video source' },
  unsupported_protocol: { 'zh-CN': '不支持的协议', en: 'Unsupported protocol' },
  unreachable: { 'zh-CN': '网络不可达', en: 'Host unreachable' },
  refused: { 'zh-CN': '连接被拒绝', en: 'Connection refused' },
  auth_failed: { 'zh-CN': '认证失败（用户名或密码错误）', en: 'Authentication failed (wrong user name or password)' },
  not_found: { 'zh-CN': '视频流不存在', en: 'Stream not found' },
  no_video: { 'zh-CN': '码流中没有视频', en: 'The stream has no video' },
  timeout: { 'zh-CN': '连接或读取超时', en: 'Connect or read timed out' },
  decode_error: { 'zh-CN': '视频无法解码', en: 'The video cannot be decoded' },
  too_large: { 'zh-CN': '画面尺寸过大', en: 'Frame size too large' },
  ffmpeg_missing: { 'zh-CN': '找不到 ffmpeg', en: 'ffmpeg not found' },
  aborted: { 'zh-CN': '诊断已取消', en: 'Diagnosis cancelled' },
};

/** `cameraFault` false marks a wrong request (bad URL, no ffmpeg) rather than a camera down. */
export function failureResult(failure: SourceFailure, processingTimeMs: number, cameraFault: boolean): CheckResult {
  const reason = REASONS[failure.kind];
  return {
    type: 'signal_loss',
    status: cameraFault ? 'critical' : 'error',
    score: 0,
    threshold: { ...DEFAULT_THRESHOLDS.signal_loss },
    metrics: { value: 1 },
    message: cameraFault ? { 'zh-CN': `视频信号丢失：${reason['zh-CN']}`, en: `Signal lost: ${reason.en}` } : reason,
    processingTimeMs,
    // A camera that is down is a finding; a wrong request is a check that could not run.
    ...(cameraFault ? { detail: `${failure.kind}: ${failure.message}` } : { error: `${failure.kind}: ${failure.message}` }),
  };
}

/** A check that did not run on this camera (unknown camera, task timed out, stopped). */
export function notAnalysedResult(type: CheckType, message: LocalizedText, error: string): CheckResult {
  return {
    type,
    status: 'error',
    score: 0,
    threshold: { ...DEFAULT_THRESHOLDS[type] },
    metrics: {},
    message,
    processingTimeMs: 0,
    error,
  };
}
