#!/usr/bin/python3
"""The analysers' measures computed with OpenCV and numpy, as the reference for the benchmark.

Usage: /usr/bin/python3 opencv_suite.py FRAMES.rgb WIDTH HEIGHT [ITERATIONS]
FRAMES.rgb holds packed RGB24 frames back to back: the first is the camera's reference frame,
the rest the probe's window (oldest first). One run computes what runChecks computes for all 16
checks: every frame's intermediates (binned to analysis size like the TypeScript side), the
single-frame measures on the newest frame, the window measures over the window, and the
comparison with the reference. Also times one frame alone (its intermediates and the
single-frame measures), the reference for the TypeScript side's one-frame figure. Prints JSON with
the median times.
"""
import json
import sys
import time

import cv2
import numpy as np

ANALYSIS_WIDTH = 640
BLOCK = 16
EDGE_MAGNITUDE = 100
IMMERKAER = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)


def features(rgb):
    h, w = rgb.shape[:2]
    f = max(1, round(w / ANALYSIS_WIDTH))
    if f > 1:
        rgb = cv2.resize(rgb, (w // f, h // f), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256])
    mean, std = cv2.meanStdDev(gray)
    g16 = gray.astype(np.int16)
    col_steps = np.abs(np.diff(g16[::2], axis=1)).mean(axis=0)
    row_steps = np.abs(np.diff(g16, axis=0)).mean(axis=1)
    return {
        'rgb': rgb, 'gray': gray, 'hist': hist, 'mean': float(mean[0, 0]), 'std': float(std[0, 0]),
        'row_means': gray.mean(axis=1), 'col_means': gray.mean(axis=0),
        'col_steps': col_steps, 'row_steps': row_steps,
    }


def single_frame_measures(fe):
    gray = fe['gray']
    h, w = gray.shape
    lap = cv2.Laplacian(gray, cv2.CV_32F, ksize=1)
    lap_var = float(lap.var())
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    tenengrad = float((gx * gx + gy * gy).mean())
    mag = np.abs(gx) + np.abs(gy)
    edges = mag > EDGE_MAGNITUDE
    # Immerkaer noise over the flattest 90% of pixels.
    res = np.abs(cv2.filter2D(gray, cv2.CV_32F, IMMERKAER))
    cut = np.percentile(mag, 90)
    noise = float(res[mag <= cut].mean() * np.sqrt(np.pi / 2) / 6)
    # Crete blur: 9-tap box blur in each direction.
    gf = gray.astype(np.float32)
    blur_h = cv2.blur(gf, (9, 1))
    blur_v = cv2.blur(gf, (1, 9))
    dfh = np.abs(np.diff(gf, axis=1))
    dbh = np.abs(np.diff(blur_h, axis=1))
    dfv = np.abs(np.diff(gf, axis=0))
    dbv = np.abs(np.diff(blur_v, axis=0))
    crete = max(1 - np.maximum(0, dfh - dbh).sum() / dfh.sum(), 1 - np.maximum(0, dfv - dbv).sum() / dfv.sum())
    # Per-block statistics on a 16 px grid.
    bh, bw = h // BLOCK, w // BLOCK
    crop = gf[:bh * BLOCK, :bw * BLOCK]
    block_mean = cv2.resize(crop, (bw, bh), interpolation=cv2.INTER_AREA)
    block_sq = cv2.resize(crop * crop, (bw, bh), interpolation=cv2.INTER_AREA)
    block_std = np.sqrt(np.maximum(0, block_sq - block_mean ** 2))
    block_edges = cv2.resize(edges[:bh * BLOCK, :bw * BLOCK].astype(np.float32), (bw, bh), interpolation=cv2.INTER_AREA)
    covered = ((block_edges < 0.01) & (block_std < 10) & (block_mean < 90)).astype(np.uint8)
    n_labels, labels, stats, _ = cv2.connectedComponentsWithStats(covered, connectivity=4)
    occlusion = stats[1:, cv2.CC_STAT_AREA].max() / covered.size if n_labels > 1 else 0.0
    # Colour on half-resolution cells: Lab mean/spread, flat blue share, dark channel, chroma roughness.
    cells = cv2.resize(fe['rgb'], (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(cells, cv2.COLOR_RGB2Lab).astype(np.float32)
    a = lab[:, :, 1] - 128
    b = lab[:, :, 2] - 128
    d = np.hypot(a.mean(), b.mean())
    m = np.sqrt(a.var() + b.var())
    hsv = cv2.cvtColor(cells, cv2.COLOR_RGB2HSV)
    c16 = cells.astype(np.int16)
    step = np.abs(np.diff(c16, axis=1))[:-1].sum(axis=2) + np.abs(np.diff(c16, axis=0))[:, :-1].sum(axis=2)
    blue = ((hsv[:-1, :-1, 0] >= 100) & (hsv[:-1, :-1, 0] < 140) & (hsv[:-1, :-1, 1] > 100) & (step <= 24)).mean()
    dark = cells.min(axis=2)
    black = np.percentile(dark, 2)
    block_dark = cv2.erode(dark, np.ones((8, 8), np.uint8))[::8, ::8]
    rough = (np.abs(np.diff(a, axis=1))[:-1] + np.abs(np.diff(b, axis=1))[:-1]
             + np.abs(np.diff(a, axis=0))[:, :-1] + np.abs(np.diff(b, axis=0))[:, :-1])
    ch, cw = rough.shape[0] // 8, rough.shape[1] // 8
    block_rough = cv2.resize(rough[:ch * 8, :cw * 8], (cw, ch), interpolation=cv2.INTER_AREA)
    # Mosaic: boundary profile by phase; stripes: spectra of the detrended profiles.
    mosaic = []
    for steps in (fe['col_steps'], fe['row_steps']):
        phases = np.bincount(np.arange(steps.size) % 8, weights=steps, minlength=8)
        mosaic.append(phases.max() / max(phases.mean(), 1e-9))
    spectra = []
    for profile in (fe['row_means'], fe['col_means']):
        trend = np.convolve(profile, np.ones(41) / 41, mode='same')
        spectra.append(np.abs(np.fft.rfft((profile - trend) * np.hanning(profile.size))) ** 2)
    return (lap_var, tenengrad, noise, crete, occlusion, d / max(m, 1e-6), blue, black, block_dark.min(),
            (block_rough > 24).mean(), mosaic, [s.argmax() for s in spectra])


def thumbnail(fe):
    return cv2.resize(fe['gray'], (64, 36), interpolation=cv2.INTER_AREA).astype(np.float32)


def shift(a, b):
    """The shift s minimising the mean squared difference of a[i] and b[i + s] (via cumulative sums)."""
    a = np.diff(a)
    b = np.diff(b)
    n = min(a.size, b.size)
    a, b = a[:n], b[:n]
    limit = n // 10
    cross = np.correlate(b, a, mode='full')[n - 1 - limit:n + limit]
    ca = np.concatenate(([0], np.cumsum(a * a)))
    cb = np.concatenate(([0], np.cumsum(b * b)))
    s = np.arange(-limit, limit + 1)
    lo = np.maximum(0, -s)
    hi = np.minimum(n, n - s)
    cost = (ca[hi] - ca[lo] + cb[hi + s] - cb[lo + s] - 2 * cross) / (hi - lo)
    return int(s[np.argmin(cost)])


def run(reference, window):
    feats = [features(f) for f in window]
    newest = feats[-1]
    single = single_frame_measures(newest)
    diffs = [cv2.absdiff(feats[i - 1]['gray'], feats[i]['gray']).mean() / 255 for i in range(1, len(feats))]
    shifts = [(shift(feats[i - 1]['col_means'], feats[i]['col_means']), shift(feats[i - 1]['row_means'], feats[i]['row_means']))
              for i in range(1, len(feats))]
    ref = features(reference)
    ncc = np.corrcoef(thumbnail(ref).ravel(), thumbnail(newest).ravel())[0, 1]
    return single, diffs, shifts, ncc


def median_ms(fn, iterations):
    for _ in range(5):
        fn()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def main():
    path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    iterations = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    raw = np.fromfile(path, np.uint8)
    frames = raw.reshape(-1, height, width, 3)
    reference, window = frames[0], list(frames[1:])
    per_run = median_ms(lambda: run(reference, window), iterations)
    one_frame = median_ms(lambda: single_frame_measures(features(window[-1])), iterations)
    print(json.dumps({'ms_per_run': per_run, 'ms_per_frame': per_run / len(frames), 'ms_one_frame': one_frame,
                      'frames': len(frames), 'threads': cv2.getNumThreads()}))


if __name__ == '__main__':
    main()
