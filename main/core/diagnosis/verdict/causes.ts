// The implication table: which dominant fault explains which other checks, and why. Causes are in
// priority order; the first one found abnormal on a camera makes the checks it implies "not
// assessed". Checks a cause leaves out (a blue screen does not hide garbled decoding on a dark
// picture, stripes show on a covered lens) keep their own verdict.
import { isSevere, type CheckResult, type CheckType, type LocalizedText } from '../../../../shared/diagnosis/types.ts';
import type { LumaLevels } from './luma-levels.ts';
import type { NotAssessedCause } from './not-assessed.ts';

export interface Implication {
  checks: readonly CheckType[];
  reason: LocalizedText;
}

/** What a cause may look at beyond its own row. */
export interface CauseContext {
  /** Asked for only when a cause depends on how dark or bright the whole picture is. */
  levels: () => LumaLevels;
  /** Every row of the camera, as measured. */
  results: readonly CheckResult[];
}

export interface Cause extends NotAssessedCause {
  /** The check whose abnormal verdict names this cause. */
  check: CheckType;
  /** Beyond being abnormal: whether the verdict is this cause (e.g. dark all over, not in one region). */
  holds?: (result: CheckResult, context: CauseContext) => boolean;
  /**
   * Its row measures how far the picture degraded (how dark, how veiled, how soft), not a state it is
   * in (a blue screen, a corrupt stream): a mere warning of it is too slight to make a severe finding of
   * a check it implies, which then is not its consequence (one-cause.ts passes over it).
   */
  graded?: true;
  implies: readonly Implication[];
}

/** A picture whose brightest tenth is below this is dark all over; a dark region leaves it bright. */
const DARK_ALL_OVER_P90 = 64;
/** A picture whose darkest tenth is above this is bright all over. */
const BRIGHT_ALL_OVER_P10 = 192;

/** The part of a too-dark picture outside a cover is clearly lit from this multiple of brightness_min. */
const LIT_BEYOND_COVER = 1.25;

/** The brightness row when it finds the picture too dark (below its own brightness_min). */
function tooDark(results: readonly CheckResult[]): CheckResult | undefined {
  const row = results.find((r) => r.type === 'brightness');
  if (!row || row.status === 'normal' || row.error !== undefined) return undefined;
  const min = row.threshold.brightness_min;
  return min !== undefined && (row.metrics.value ?? Infinity) < min ? row : undefined;
}

// Frames shifted by fractions of a pixel differ wherever the picture has any gradient, which the
// temporal noise measure reads as grain between frames (a mild shake too: 720p train and late-audit
// scenes, noise 8.9 -> 17.8 once read in the camera's pixels).
const SUBPIXEL_GRAIN: LocalizedText = { 'zh-CN': '帧间的亚像素位移被误读为噪声', en: 'the sub-pixel movement between frames reads as grain' };

const NO_MOTION: LocalizedText = {
  'zh-CN': '看不到场景，无法判断运动与场景布局',
  en: 'too little of the scene is visible to judge motion or its layout',
};

export const CAUSES: readonly Cause[] = [
  {
    check: 'blue_screen',
    key: 'blue_screen',
    name: { 'zh-CN': '蓝屏/纯色画面', en: 'blue / solid colour screen' },
    implies: [
      { checks: ['signal_loss', 'occlusion'], reason: { 'zh-CN': '蓝屏是编码器无输入时的画面', en: 'the screen is what an encoder shows without input' } },
      { checks: ['brightness', 'contrast', 'color_cast'], reason: { 'zh-CN': '亮度与色彩属于纯色屏而非场景', en: "its level and colour are the screen's, not the scene's" } },
      {
        checks: ['clarity', 'focus_blur', 'noise', 'mosaic', 'lens_dirty', 'stripe', 'flower_screen'],
        reason: { 'zh-CN': '纯色屏没有可判断的场景细节', en: 'a solid screen has no scene detail to judge' },
      },
      { checks: ['freeze', 'shake', 'scene_change'], reason: { 'zh-CN': '固定的纯色屏既不动也不显示场景', en: 'a fixed screen neither moves nor shows the scene' } },
    ],
  },
  {
    check: 'signal_loss',
    key: 'signal_loss',
    name: { 'zh-CN': '视频信号丢失', en: 'video signal lost' },
    // A mere warning on a picture dark all over is a very dark scene, not a blank one: "too dark" names it.
    // A blank picture bright all over is an overexposed one (a lost signal is black, grey or snow): "too bright" names it.
    holds: (result, { levels }) =>
      levels().p10 <= BRIGHT_ALL_OVER_P10 && (isSevere(result) || levels().p90 >= DARK_ALL_OVER_P90),
    implies: [
      {
        checks: ['brightness', 'contrast', 'color_cast', 'blue_screen'],
        reason: { 'zh-CN': '无图像时的亮度与色彩不属于场景', en: "a blank picture's level and colour are not the scene's" },
      },
      {
        checks: ['clarity', 'focus_blur', 'noise', 'mosaic', 'lens_dirty', 'stripe', 'flower_screen', 'occlusion'],
        reason: { 'zh-CN': '无图像或雪花画面没有可判断的场景细节', en: 'a blank or snow picture has no scene detail to judge' },
      },
      { checks: ['freeze', 'shake', 'scene_change'], reason: { 'zh-CN': '没有画面就无法比较运动与场景', en: 'without a picture there is no motion or scene to compare' } },
    ],
  },
  {
    check: 'flower_screen',
    key: 'flower_screen',
    name: { 'zh-CN': '花屏（码流损坏）', en: 'garbled picture (corrupted stream)' },
    // Only a stream the decoder found corrupt: pixelation or interference bars also read as
    // smeared blocks, and those faults must keep their own row.
    holds: (result) => (result.metrics.decodeErrors ?? 0) > 0,
    implies: [
      {
        checks: ['mosaic', 'noise', 'stripe', 'clarity', 'focus_blur', 'lens_dirty', 'occlusion'],
        reason: { 'zh-CN': '损坏的宏块与补偿不是场景细节', en: 'corrupted blocks and their concealment are not scene detail' },
      },
      { checks: ['contrast', 'color_cast'], reason: { 'zh-CN': '损坏的宏块改变了画面的对比与色彩', en: "corrupted blocks change the picture's contrast and colour" } },
      { checks: ['shake', 'scene_change'], reason: { 'zh-CN': '错误补偿使宏块移位', en: 'error concealment moves blocks about' } },
    ],
  },
  {
    check: 'occlusion',
    key: 'occlusion',
    name: { 'zh-CN': '镜头遮挡', en: 'lens covered' },
    // A warning may be a dark part of the scene; only a clear cover is allowed to silence other
    // checks. When the picture is also too dark, the cover is the cause only if the rest of the
    // picture is clearly lit: a picture dark all over reads as covered too.
    holds: (result, { results }) => {
      const dark = tooDark(results);
      if (dark) return (result.metrics.uncoveredLuma ?? 0) >= LIT_BEYOND_COVER * dark.threshold.brightness_min!;
      return isSevere(result);
    },
    implies: [
      { checks: ['brightness', 'contrast', 'color_cast'], reason: { 'zh-CN': '遮挡物决定了画面的亮度与色彩', en: "the cover sets the picture's level and colour" } },
      // Not clarity, focus, mosaic or shake: a blurred, pixelated or shaken picture also reads as
      // large textureless regions to the occlusion measure, and those faults must keep their own row.
      { checks: ['lens_dirty', 'noise'], reason: { 'zh-CN': '被遮挡部分没有场景细节', en: 'the covered part has no scene detail' } },
      { checks: ['freeze', 'scene_change'], reason: { 'zh-CN': '遮挡物不动，且挡住了场景布局', en: 'the cover does not move and hides the scene layout' } },
    ],
  },
  {
    check: 'brightness',
    key: 'too_dark',
    graded: true,
    name: { 'zh-CN': '画面过暗', en: 'picture far too dark' },
    holds: (_result, { levels }) => levels().p90 < DARK_ALL_OVER_P90,
    implies: [
      {
        checks: ['clarity', 'focus_blur', 'contrast', 'lens_dirty', 'mosaic'],
        reason: { 'zh-CN': '细节与边缘隐没在暗处', en: 'detail and edges are lost in the dark' },
      },
      { checks: ['occlusion'], reason: { 'zh-CN': '整个画面都暗，而非某一区域被遮挡', en: 'the whole picture is dark, not one covered region' } },
      { checks: ['signal_loss'], reason: { 'zh-CN': '极暗的画面看起来像无图像', en: 'a picture this dark looks like a blank one' } },
      { checks: ['noise'], reason: { 'zh-CN': '暗画面的增益放大了噪点', en: 'the gain raised for a dark picture makes its grain' } },
      { checks: ['color_cast'], reason: { 'zh-CN': '暗画面的色彩不可靠', en: 'the colours of a dark picture are unreliable' } },
      { checks: ['freeze', 'shake', 'scene_change'], reason: NO_MOTION },
    ],
  },
  {
    check: 'brightness',
    key: 'too_bright',
    graded: true,
    name: { 'zh-CN': '画面过亮', en: 'picture far too bright' },
    holds: (_result, { levels }) => levels().p10 > BRIGHT_ALL_OVER_P10,
    implies: [
      { checks: ['clarity', 'focus_blur', 'contrast', 'mosaic', 'noise'], reason: { 'zh-CN': '过曝冲淡了细节', en: 'overexposure washes the detail out' } },
      // lens_dirty stays: its measure tells a veil from overexposure, and a veil raises the picture's level.
      { checks: ['occlusion'], reason: { 'zh-CN': '过曝区域掩盖了场景', en: 'clipped areas hide the scene' } },
      { checks: ['color_cast'], reason: { 'zh-CN': '饱和的通道使色彩失真', en: 'clipped channels distort the colours' } },
      { checks: ['signal_loss'], reason: { 'zh-CN': '全白的画面看起来像无图像', en: 'a picture this bright looks like a blank one' } },
      { checks: ['freeze', 'shake', 'scene_change'], reason: NO_MOTION },
    ],
  },
  {
    check: 'mosaic',
    key: 'mosaic',
    name: { 'zh-CN': '马赛克', en: 'mosaic / blocking' },
    // A faint grid may be a coding grid; only clear blocking explains the other checks.
    holds: isSevere,
    implies: [
      { checks: ['flower_screen'], reason: { 'zh-CN': '块边界使宏块呈单向拖影', en: 'the block edges make blocks look smeared' } },
      {
        checks: ['clarity', 'focus_blur', 'lens_dirty', 'contrast'],
        reason: { 'zh-CN': '每个块被平均，细节与局部对比丢失', en: 'each block is averaged, so fine detail and local contrast are lost' },
      },
      { checks: ['occlusion'], reason: { 'zh-CN': '平坦的块看起来像无纹理区域', en: 'flat blocks look like textureless regions' } },
      { checks: ['shake'], reason: { 'zh-CN': '固定的块网格干扰位移估计', en: 'the fixed block grid misleads the shift estimate' } },
    ],
  },
  {
    check: 'freeze',
    key: 'freeze',
    name: { 'zh-CN': '画面冻结', en: 'picture frozen' },
    implies: [{ checks: ['shake'], reason: { 'zh-CN': '重复的画面没有可测的运动', en: 'a repeated picture has no motion to measure' } }],
  },
  {
    check: 'shake',
    key: 'shake',
    name: { 'zh-CN': '画面抖动', en: 'picture shaking' },
    // A warning may be a pan's jitter or a shift misread on a blurred picture; a clear shake smears the picture.
    holds: isSevere,
    implies: [
      { checks: ['clarity', 'focus_blur'], reason: { 'zh-CN': '抖动使画面拖影，清晰度无法判断', en: 'the movement smears the picture, so its sharpness cannot be judged' } },
      { checks: ['noise'], reason: SUBPIXEL_GRAIN },
    ],
  },
  {
    check: 'stripe',
    key: 'stripe',
    name: { 'zh-CN': '条纹干扰', en: 'interference stripes' },
    // Regular lines across the picture are interference, not a corrupted decode: the blocks they
    // cross have steps in one direction only, which the garbled-picture measure reads as smeared.
    implies: [{ checks: ['flower_screen'], reason: { 'zh-CN': '条纹使画面块呈单向拖影', en: 'the stripes make the blocks they cross look smeared' } }],
  },
  {
    check: 'noise',
    key: 'noise',
    name: { 'zh-CN': '噪声过大', en: 'heavy noise' },
    // A mere warning leaves the fine detail measurable; clear noise buries it.
    holds: isSevere,
    implies: [{ checks: ['clarity', 'focus_blur'], reason: { 'zh-CN': '噪声淹没了判断清晰度所需的细节', en: 'the noise buries the fine detail sharpness is judged on' } }],
  },
  {
    check: 'lens_dirty',
    key: 'lens_veil',
    graded: true,
    name: { 'zh-CN': '镜头脏污或起雾', en: 'lens dirty or fogged' },
    // The veil over the whole picture, not a smudge: a smudge is local and explains nothing else.
    holds: (result) => (result.metrics.veil ?? 0) > 0 && (result.metrics.veil ?? 0) >= (result.metrics.smudge ?? 0),
    implies: [
      { checks: ['contrast'], reason: { 'zh-CN': '雾化的光罩抬高了黑位，冲淡了对比度', en: 'the veil lifts the black level and washes the contrast out' } },
      { checks: ['clarity', 'focus_blur'], reason: { 'zh-CN': '镜头上的散射使边缘发虚', en: 'the light scattered on the lens softens the edges' } },
    ],
  },
  {
    check: 'clarity',
    key: 'blur',
    graded: true,
    name: { 'zh-CN': '画面模糊', en: 'picture blurred' },
    // A soft scene (shallow focus, an old webcam's optics, mist) reads just past clarity_min on its
    // own: a mere warning is the cause only of a contrast it explains. Alone it is one more warning,
    // which a camera's first runs hold back until its normal is learned (baselines/judge.ts).
    holds: (result, { results }) => isSevere(result) || results.some((r) => r.type === 'contrast' && r.status !== 'normal' && r.error === undefined),
    implies: [{ checks: ['contrast'], reason: { 'zh-CN': '模糊抹去了细纹理的明暗变化', en: 'the blur smooths away the light and dark of the fine texture' } }],
  },
  {
    check: 'contrast',
    key: 'low_contrast',
    graded: true,
    name: { 'zh-CN': '对比度过低', en: 'contrast too low' },
    implies: [
      {
        checks: ['lens_dirty'],
        reason: { 'zh-CN': '对比度压缩抬高了黑位，而非镜头起雾', en: 'the compressed contrast lifts the black level, not a veil on the lens' },
      },
    ],
  },
  {
    // Last: a shake too mild to explain a soft picture (the clear one above does) still moves the
    // picture between frames, when nothing else explains the camera's rows.
    check: 'shake',
    key: 'shake',
    graded: true,
    name: { 'zh-CN': '画面抖动', en: 'picture shaking' },
    implies: [{ checks: ['noise'], reason: SUBPIXEL_GRAIN }],
  },
];
