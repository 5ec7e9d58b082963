// Every check type and the analyser that measures it.
import type { CheckType } from '../../../../shared/diagnosis/types.ts';
import type { Analyser } from './analyser.ts';
import { blueScreen } from './blue_screen.ts';
import { brightness } from './brightness.ts';
import { clarity } from './clarity.ts';
import { colorCast } from './color_cast.ts';
import { contrast } from './contrast.ts';
import { flowerScreen } from './flower_screen.ts';
import { focusBlur } from './focus_blur.ts';
import { freeze } from './freeze.ts';
import { lensDirty } from './lens_dirty.ts';
import { mosaic } from './mosaic.ts';
import { noise } from './noise.ts';
import { occlusion } from './occlusion.ts';
import { sceneChange } from './scene_change.ts';
import { shake } from './shake.ts';
import { signalLoss } from './signal_loss.ts';
import { stripe } from './stripe.ts';

export const ANALYSERS: Readonly<Record<CheckType, Analyser>> = {
  brightness,
  blue_screen: blueScreen,
  clarity,
  shake,
  freeze,
  color_cast: colorCast,
  occlusion,
  noise,
  contrast,
  mosaic,
  flower_screen: flowerScreen,
  signal_loss: signalLoss,
  lens_dirty: lensDirty,
  focus_blur: focusBlur,
  scene_change: sceneChange,
  stripe,
};
