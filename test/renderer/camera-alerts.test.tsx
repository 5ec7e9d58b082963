// @vitest-environment happy-dom
// Issue 11 item 5: a camera's page lists the camera's alerts (state, cause in the UI language, when),
// acknowledges an open one in place, and takes new ones from the health event.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertView } from '../../shared/api/health-views.ts';
import { CameraPage } from '../../renderer/src/pages/CameraPage.tsx';
import { MemoryApi, NEWEST_AT } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

describe('Camera page alerts', () => {
  it("lists only this camera's alerts, newest first, with state, severity, cause in Chinese and who acknowledged", async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={3} onBack={vi.fn()} />, mem.api, 'zh-CN');
    const rows = await screen.findAllByTestId('camera-alert');
    expect(rows.map((r) => [r.getAttribute('data-alert'), r.getAttribute('data-state')])).toEqual([
      ['5', 'acknowledged'],
      ['2', 'resolved'],
    ]);
    expect(rows[0]!.textContent).toContain('已确认');
    expect(rows[0]!.textContent).toContain('故障');
    expect(within(rows[0]!).getByTestId('camera-alert-cause').textContent).toBe('信号丢失无画面');
    expect(rows[0]!.textContent).toContain('Wang');
    expect(rows[0]!.textContent).toContain('Maintenance called');
    expect(within(rows[1]!).getByTestId('camera-alert-cause').textContent).toContain('画面模糊');
    expect(rows[1]!.textContent).toContain('已恢复');
    expect(screen.queryByTestId('camera-alert-acknowledge')).toBeNull();
    expect(mem.inputsOf('alerts')).toEqual([{ cameraId: 3, limit: 20 }]);
  });

  it('acknowledges an open alert in place, cause in English', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId={1} onBack={vi.fn()} />, mem.api, 'en');
    const [row] = await screen.findAllByTestId('camera-alert');
    expect(row!.getAttribute('data-state')).toBe('open');
    expect(within(row!).getByTestId('camera-alert-cause').textContent).toBe('OcclusionMost of the image is covered');
    fireEvent.click(within(row!).getByTestId('camera-alert-acknowledge'));
    fireEvent.change(screen.getByTestId('ack-by'), { target: { value: 'Li Lei' } });
    fireEvent.change(screen.getByTestId('ack-note'), { target: { value: 'Lens cleaned' } });
    fireEvent.click(screen.getByTestId('ack-submit'));
    await waitFor(() => expect(screen.getByTestId('camera-alert').getAttribute('data-state')).toBe('acknowledged'));
    expect(screen.queryByTestId('ack-form')).toBeNull();
    expect(screen.getByTestId('camera-alert').textContent).toContain('Li Lei');
    expect(screen.getByTestId('camera-alert').textContent).toContain('Lens cleaned');
    expect(mem.alerts.find((a) => a.id === 7)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Li Lei' });
  });

  it("says when the camera has none, and shows the camera's new alert from the health event (not another camera's)", async () => {
    const mem = new MemoryApi();
    renderWithApi(<CameraPage cameraId="lobby" onBack={vi.fn()} />, mem.api, 'en');
    expect((await screen.findByTestId('camera-alerts-empty')).textContent).toBe('No alerts for this camera.');
    const base = mem.alerts[0]!;
    const lobby: AlertView = { ...base, id: 12, cameraId: 'lobby', cameraName: 'Lobby', severity: 'error', check: 'freeze', message: { 'zh-CN': '画面冻结（1.8 秒内无变化）', en: 'Frozen: no change in 1.8 s' }, snapshotResultId: null, openedAt: NEWEST_AT };
    const other: AlertView = { ...base, id: 13, cameraId: 9, cameraName: 'Gate 9' };
    act(() => mem.emit('health', { cameras: [], alerts: [{ alert: other, change: 'opened' }, { alert: lobby, change: 'opened' }], attention: 3 }));
    const row = await screen.findByTestId('camera-alert');
    expect(row.getAttribute('data-alert')).toBe('12');
    expect(within(row).getByTestId('camera-alert-cause').textContent).toBe('Frozen imageFrozen: no change in 1.8 s');
    act(() => mem.emit('health', { cameras: [], alerts: [{ alert: { ...lobby, state: 'resolved', resolvedAt: NEWEST_AT + 60_000 }, change: 'resolved' }], attention: 2 }));
    await waitFor(() => expect(screen.getByTestId('camera-alert').getAttribute('data-state')).toBe('resolved'));
    expect(screen.getAllByTestId('camera-alert')).toHaveLength(1);
  });
});
