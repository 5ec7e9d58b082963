// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultDetail } from '../../renderer/src/components/ResultDetail.tsx';
import { CameraPage } from '../../renderer/src/pages/CameraPage.tsx';
import { CamerasPage } from '../../renderer/src/pages/CamerasPage.tsx';
import { MemoryApi, resultAt } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

describe('camera baselines in the UI', () => {
  it('shows each learned normal on the camera page, in Chinese, day before night', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={1} onBack={vi.fn()} />, mem.api, 'zh-CN');
    const rows = await screen.findAllByTestId('baseline-row');
    expect(mem.inputsOf('baselines')).toEqual([{ cameraId: 1 }]);
    expect(rows.map((r) => `${r.dataset.check}/${r.dataset.mode}`)).toEqual(['brightness/day', 'brightness/night', 'clarity/day', 'noise/day']);
    const cells = (i: number) => [...rows[i]!.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent);
    expect(cells(0)).toEqual(['亮度', '白天', '121.5', '6.2', '30']);
    expect(cells(3)).toEqual(['噪声干扰', '白天', '2.84', '0.21', '30']);
    // Not enough night runs yet: learning, with how far it got.
    expect(cells(1)).toEqual(['亮度', '夜间', '41', '2.5', '学习中 3/5']);
    const panel = screen.getByTestId('baseline-panel');
    expect(panel.textContent).toContain('最近 30 次健康运行');
    expect(screen.getByTestId('baseline-scene-change').textContent).toBe('最近 1 次运行检测到场景变化：确认后基线将重新学习。');
  });

  it("shows a black-and-white camera's grey normals per band of light, darker first", async () => {
    const mem = new MemoryApi();
    const at = Date.now();
    mem.baselines.set('1', {
      cameraId: 1,
      minRuns: 5,
      window: 30,
      sceneChangeStreak: 0,
      resetAt: null,
      entries: [
        { type: 'brightness', mode: 'night', median: 124.7, spread: 0.4, runs: 6, ready: true, updatedAt: at, light: { low: 124.2, high: 125.1 } },
        { type: 'brightness', mode: 'night', median: 58.9, spread: 0.3, runs: 4, ready: false, updatedAt: at, light: { low: 58.5, high: 59.4 } },
      ],
    });
    renderWithApi(<CameraPage cameraId={1} onBack={vi.fn()} />, mem.api, 'zh-CN');
    const rows = await screen.findAllByTestId('baseline-row');
    expect(rows.map((r) => r.querySelectorAll('td')[1]!.textContent)).toEqual(['夜间（亮度 59–59）', '夜间（亮度 124–125）']);
  });

  it('resets a camera\'s baseline after a second click, and then shows it learning from nothing', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={1} onBack={vi.fn()} />, mem.api, 'en');
    await screen.findAllByTestId('baseline-row');
    const button = screen.getByTestId('baseline-reset');
    expect(button.textContent).toBe('Reset baseline');
    fireEvent.click(button);
    expect(mem.inputsOf('resetBaseline')).toEqual([]);
    expect(button.textContent).toBe('Click again to reset');
    fireEvent.click(button);
    await waitFor(() => expect(mem.inputsOf('resetBaseline')).toEqual([{ cameraId: 1 }]));
    expect((await screen.findByTestId('baseline-message')).textContent).toBe('Baseline reset: 93 learned values dropped. It is learned again from the next runs.');
    expect((await screen.findByTestId('baseline-empty')).textContent).toBe('Nothing learned yet: the platform thresholds decide until 5 healthy runs.');
    expect(screen.queryAllByTestId('baseline-row')).toHaveLength(0);
    expect(screen.getByTestId('baseline-panel').textContent).toContain('Started over at');
  });

  it('says why a reset failed', async () => {
    const mem = new MemoryApi();
    mem.failNext('resetBaseline', { kind: 'failed', message: 'The baseline of camera 1 was not reset: disk I/O error.' });
    renderWithApi(<CameraPage cameraId={1} onBack={vi.fn()} />, mem.api, 'en');
    await screen.findAllByTestId('baseline-row');
    fireEvent.click(screen.getByTestId('baseline-reset'));
    fireEvent.click(screen.getByTestId('baseline-reset'));
    expect((await screen.findByRole('alert')).textContent).toContain('Reset failed: The baseline of camera 1 was not reset: disk I/O error.');
    expect(screen.getAllByTestId('baseline-row')).toHaveLength(4);
  });

  it('opens a camera\'s baseline from the Cameras page and closes it again', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    const rows = await screen.findAllByTestId('camera-row');
    fireEvent.click(within(rows[1]!).getByTestId('camera-baseline'));
    const panel = await screen.findByTestId('baseline-panel');
    expect(panel.dataset.cameraId).toBe('lobby');
    expect(within(panel).getByText('Learned normal of Lobby')).toBeTruthy();
    expect((await screen.findByTestId('baseline-empty')).textContent).toContain('until 5 healthy runs');
    expect(mem.inputsOf('baselines')).toEqual([{ cameraId: 'lobby' }]);
    fireEvent.click(within(rows[0]!).getByTestId('camera-baseline'));
    expect(await within(await screen.findByTestId('baseline-panel')).findAllByTestId('baseline-row')).toHaveLength(4);
    fireEvent.click(screen.getByTestId('baseline-close'));
    expect(screen.queryByTestId('baseline-panel')).toBeNull();
  });

  it('says in a result\'s detail which rule decided it, with the camera\'s normal range', async () => {
    const mem = new MemoryApi();
    const row = {
      ...resultAt(7),
      diagnosis_type: 'noise',
      metrics: { value: 1.61, baseline_rule: 'deviation', baseline_median: 0.475, baseline_spread: 0.0148, baseline_runs: 6, baseline_deviation: 7.57, baseline_high: 1.075 },
    };
    renderWithApi(<ResultDetail row={row} onClose={vi.fn()} onOpenCamera={vi.fn()} />, mem.api, 'en');
    const note = await screen.findByTestId('baseline-note');
    expect(note.textContent).toBe("Judged by this camera's normal: the value left itNormal up to 1.075 (median 0.475 ±0.0148, 6 runs)");
    cleanup();
    const clarity = { ...row, diagnosis_type: 'clarity', metrics: { value: 70, baseline_rule: 'cleared', baseline_median: 65, baseline_spread: 4, baseline_runs: 30, baseline_deviation: -0.5, baseline_low: 25 } };
    renderWithApi(<ResultDetail row={clarity} onClose={vi.fn()} onOpenCamera={vi.fn()} />, mem.api, 'zh-CN');
    expect((await screen.findByTestId('baseline-note')).textContent).toBe('判断依据：该摄像机的正常范围：当前值在范围内，平台阈值的告警已解除正常下限 25（中位数 65 ±4，30 次）');
    cleanup();
    const learning = { ...row, metrics: { value: 70, baseline_rule: 'learning', baseline_runs: 3 } };
    renderWithApi(<ResultDetail row={learning} onClose={vi.fn()} onOpenCamera={vi.fn()} />, mem.api, 'zh-CN');
    expect((await screen.findByTestId('baseline-note')).textContent).toBe('判断依据：平台阈值：该摄像机的正常范围仍在学习中（已 3 次）');
    cleanup();
    const provisional = { ...row, metrics: { value: 90, baseline_rule: 'provisional', baseline_runs: 2, measured_score: 55 } };
    renderWithApi(<ResultDetail row={provisional} onClose={vi.fn()} onOpenCamera={vi.fn()} />, mem.api, 'en');
    expect((await screen.findByTestId('baseline-note')).textContent).toBe(
      "Judged by the platform threshold, with a margin: this camera's normal is still being learned (2 runs so far), and a value only just past the threshold is not raised until then",
    );
    cleanup();
    renderWithApi(<ResultDetail row={resultAt(7)} onClose={vi.fn()} onOpenCamera={vi.fn()} />, mem.api, 'en');
    await screen.findByTestId('result-detail');
    expect(screen.queryByTestId('baseline-note')).toBeNull();
  });
});
