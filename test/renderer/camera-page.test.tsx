// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraPage } from '../../renderer/src/pages/CameraPage.tsx';
import { MemoryApi, SNAPSHOT_URL } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

describe('Camera page', () => {
  it('draws the score trend per check and shows the last snapshot', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={4} onBack={vi.fn()} />, mem.api, 'zh-CN');
    await screen.findByTestId('trend-chart');
    const trend = mem.inputsOf('trend')[0]!;
    expect(trend.cameraId).toBe(4);
    expect(trend.to - trend.from).toBe(7 * 86_400_000);
    const line = screen.getByTestId('trend-line-occlusion');
    expect(line.getAttribute('points')?.split(' ')).toHaveLength(24);
    expect(screen.getByTestId('trend-chart').textContent).toContain('遮挡');
    expect(screen.getByText('摄像机 4')).toBeTruthy();
    // Camera 4's newest row with a snapshot.
    const img = (await screen.findByTestId('camera-snapshot')) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(SNAPSHOT_URL);
    expect(mem.inputsOf('results')).toEqual([{ cameraId: 4, limit: 50 }]);
  });

  it('changes the period', async () => {
    const mem = new MemoryApi();
    const onBack = vi.fn();
    renderWithApi(<CameraPage cameraId="lobby" onBack={onBack} />, mem.api, 'en');
    await screen.findByTestId('trend-chart');
    fireEvent.change(screen.getByTestId('trend-range'), { target: { value: '30' } });
    await waitFor(() => expect(mem.inputsOf('trend')).toHaveLength(2));
    const last = mem.inputsOf('trend')[1]!;
    expect(last.to - last.from).toBe(30 * 86_400_000);
    expect(screen.getByText('Brightness')).toBeTruthy();
    fireEvent.click(screen.getByText('← Back to results'));
    expect(onBack).toHaveBeenCalled();
  });
});
