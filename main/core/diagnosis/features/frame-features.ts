// Everything the analysers measure on one frame, computed lazily and at most once: the first
// check that needs a pass pays for it, every later check reads the cache. A window or reference
// frame only ever builds its planes and thumbnail.
import type { Frame } from '../frame.ts';
import { buildPlanes, type Planes } from './planes.ts';
import { buildLumaStats, type LumaStats } from './luma-stats.ts';
import { buildGradientStats, type GradientStats } from './gradient-stats.ts';
import { buildColourStats, type ColourStats } from './colour-stats.ts';
import { blockGrid } from './block-grid.ts';
import { buildThumbnail, type Thumbnail } from './thumbnail.ts';
import { buildEdgeEnergies, type EdgeEnergies } from './edge-falloff.ts';

export class FrameFeatures {
  readonly frame: Frame;
  #planes: Planes | undefined;
  #luma: LumaStats | undefined;
  #gradients: GradientStats | undefined;
  #colour: ColourStats | undefined;
  #thumbnail: Thumbnail | undefined;
  #edgeEnergies: EdgeEnergies | undefined;

  constructor(frame: Frame) {
    this.frame = frame;
  }

  get time(): number {
    return this.frame.time;
  }

  /** How many of the camera's own pixels span one analysis pixel (1 for a picture at or below analysis size). */
  get downscale(): number {
    return Math.max(1, (this.frame.sourceWidth ?? this.frame.width) / this.planes.width);
  }

  /** RGB and luma at analysis size, with row/column projections. */
  get planes(): Planes {
    this.#planes ??= buildPlanes(this.frame);
    return this.#planes;
  }

  /** Luma histogram, mean/std and block-boundary step profiles. */
  get luma(): LumaStats {
    this.#luma ??= buildLumaStats(this.planes);
    return this.#luma;
  }

  /** Laplacian, Tenengrad, noise, Crete blur, edges, per-block texture. */
  get gradients(): GradientStats {
    this.#gradients ??= buildGradientStats(this.planes, this.luma);
    return this.#gradients;
  }

  /** Lab mean/spread, flat colour areas, dark channel and chroma roughness per block. */
  get colour(): ColourStats {
    this.#colour ??= buildColourStats(this.planes, blockGrid(this.planes.width, this.planes.height));
    return this.#colour;
  }

  /** Laplacian energy at half, quarter and eighth size (how edges fall off, whatever the texture). */
  get edgeEnergies(): EdgeEnergies {
    this.#edgeEnergies ??= buildEdgeEnergies(this.planes);
    return this.#edgeEnergies;
  }

  get thumbnail(): Thumbnail {
    this.#thumbnail ??= buildThumbnail(this.planes);
    return this.#thumbnail;
  }
}
