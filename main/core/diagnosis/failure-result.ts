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

// What to do about each reason; the check's general advice (power, network, cabling) fits none exactly.
const ADVICE: Record<FailureKind, LocalizedText> = {
  invalid_source: { 'zh-CN': '检查摄像机的视频流地址', en: "Check the camera's stream URL" },
  unsupported_protocol: { 'zh-CN': '改用 rtsp、http 或 https 地址', en: 'Use an rtsp, http or https URL' },
  unreachable: { 'zh-CN': '检查摄像机地址、供电与网络连通', en: "Check the camera's address, power and network path" },
  refused: { 'zh-CN': '检查端口号，确认摄像机的取流服务已开启', en: "Check the port and that the camera's streaming service is on" },
  auth_failed: { 'zh-CN': '核对摄像机的用户名和密码', en: "Check the camera's user name and password" },
  not_found: { 'zh-CN': '核对码流路径或通道号', en: 'Check the stream path or channel number' },
  no_video: { 'zh-CN': '检查通道是否接入视频、编码器是否输出视频', en: 'Check that the channel has video and the encoder sends it' },
  timeout: { 'zh-CN': '检查网络延迟与摄像机负载，必要时改用子码流', en: 'Check network latency and camera load; use the sub-stream if needed' },
  decode_error: { 'zh-CN': '检查编码格式与码流完整性，必要时重启摄像机', en: 'Check the codec and stream integrity; restart the camera if needed' },
  too_large: { 'zh-CN': '改用分辨率较低的子码流', en: 'Use a lower-resolution sub-stream' },
  ffmpeg_missing: { 'zh-CN': '检查本机 ffmpeg 的安装与路径设置', en: 'Check the ffmpeg installation and its configured path on this computer' },
  aborted: { 'zh-CN': '重新执行诊断', en: 'Run the diagnosis again' },
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
    advice: ADVICE[failure.kind],
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
