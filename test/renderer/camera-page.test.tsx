// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrendView } from '../../shared/api/views.ts';
import { timeDomain } from '../../renderer/src/components/TrendChart.tsx';
import { CameraPage } from '../../renderer/src/pages/CameraPage.tsx';
import { MemoryApi, SNAPSHOT_URL } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

describe('Camera page', () => {
  it('is titled by the camera name, draws the score trend with a marker per result, shows the last snapshot', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={4} onBack={vi.fn()} />, mem.api, 'zh-CN');
    await screen.findByTestId('trend-chart');
    const trend = mem.inputsOf('trend')[0]!;
    expect(trend.cameraId).toBe(4);
    expect(trend.to - trend.from).toBe(7 * 86_400_000);
    const line = screen.getByTestId('trend-line-occlusion');
    expect(line.getAttribute('points')?.split(' ')).toHaveLength(24);
    expect(within(screen.getByTestId('trend-series-occlusion')).getAllByTestId('trend-point')).toHaveLength(24);
    expect(screen.getByTestId('trend-chart').textContent).toContain('遮挡');
    // Camera 4 is not in the inventory: the name its results carry.
    await waitFor(() => expect(screen.getByTestId('camera-title').textContent).toBe('Gate 4'));
    expect(screen.queryByText('摄像机 4')).toBeNull();
    // Camera 4's newest row with a snapshot.
    const img = (await screen.findByTestId('camera-snapshot')) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(SNAPSHOT_URL);
    expect(mem.inputsOf('results')).toEqual([{ cameraId: 4, limit: 100 }]);
  });

  it('shows the latest verdict per check, worst first, in words, and opens one', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={1} onBack={vi.fn()} />, mem.api, 'en');
    const table = await screen.findByTestId('latest-verdicts');
    const rows = within(table).getAllByTestId('latest-verdict');
    const checks = rows.map((r) => r.getAttribute('data-check'));
    expect(new Set(checks).size).toBe(checks.length);
    const statuses = rows.map((r) => r.querySelector('.badge')!.textContent);
    const order = ['Critical', 'Error', 'Warning', 'Normal'];
    expect([...statuses].sort((a, b) => order.indexOf(a!) - order.indexOf(b!))).toEqual(statuses);
    expect(rows[0]!.textContent).toContain('Picture blurred');
    // The inventory's name, code and location.
    await waitFor(() => expect(screen.getByTestId('camera-title').textContent).toBe('Gate 1'));
    expect(screen.getByText('C-001 · North gate')).toBeTruthy();
    fireEvent.click(rows[0]!);
    const detail = await screen.findByTestId('result-detail');
    expect(detail.textContent).toContain('Gate 1');
    expect(within(detail).queryByText('Camera history')).toBeNull();
  });

  it('changes the period and reloads when a result arrives', async () => {
    const mem = new MemoryApi();
    const onBack = vi.fn();
    renderWithApi(<CameraPage cameraId="lobby" onBack={onBack} />, mem.api, 'en');
    await screen.findByTestId('trend-chart');
    fireEvent.change(screen.getByTestId('trend-range'), { target: { value: '30' } });
    await waitFor(() => expect(mem.inputsOf('trend')).toHaveLength(2));
    const last = mem.inputsOf('trend')[1]!;
    expect(last.to - last.from).toBe(30 * 86_400_000);
    expect(screen.getByTestId('trend-chart').textContent).toContain('Brightness');
    act(() => mem.emit('result', { runId: 'manual:lobby@x', taskId: 'diagnose-now', status: 'done' }));
    await waitFor(() => expect(mem.inputsOf('trend')).toHaveLength(3));
    expect(mem.inputsOf('results')).toHaveLength(2);
    fireEvent.click(screen.getByText('← Back to results'));
    expect(onBack).toHaveBeenCalled();
  });
});

describe('Trend time axis', () => {
  const series = (times: number[]): TrendView[] => [{ type: 'freeze', points: times.map((time) => ({ time, score: 80, status: 'normal' as const })) }];

  it('spans the results, not the period asked for', () => {
    const t0 = Date.UTC(2026, 10, 20, 8);
    const { from, to } = timeDomain(series([t0, t0 + 3_600_000]));
    expect(from).toBeLessThan(t0);
    expect(to).toBeGreaterThan(t0 + 3_600_000);
    expect(to - from).toBeLessThan(1.1 * 3_600_000);
  });

  it('widens results at one time to ten minutes around them', () => {
    const t0 = Date.UTC(2026, 10, 20, 8);
    const { from, to } = timeDomain(series([t0, t0, t0 + 1000]));
    expect(to - from).toBeCloseTo(600_000, -3);
    expect(from).toBeLessThan(t0);
    expect(to).toBeGreaterThan(t0 + 1000);
  });
});
