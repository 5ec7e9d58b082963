// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/api/health-views.ts';
import { AlertsPage } from '../../renderer/src/pages/AlertsPage.tsx';
import { MemoryApi, NEWEST_AT } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

describe('AlertsPage', () => {
  it('open alerts with severity, camera and cause; the other tabs show acknowledged and resolved ones', async () => {
    const mem = new MemoryApi();
    renderWithApi(<AlertsPage onOpenCamera={() => undefined} />, mem.api, 'en');
    const [row] = await screen.findAllByTestId('alert-row');
    expect(row!.textContent).toContain('Critical');
    expect(within(row!).getByTestId('alert-cause').textContent).toBe('OcclusionMost of the image is covered');
    fireEvent.click(screen.getByTestId('alerts-tab-acknowledged'));
    await waitFor(() => expect(screen.getByTestId('alert-row').getAttribute('data-state')).toBe('acknowledged'));
    expect(screen.getByTestId('alert-ack').textContent).toContain('Wang');
    expect(screen.getByTestId('alert-ack').textContent).toContain('Maintenance called');
    fireEvent.click(screen.getByTestId('alerts-tab-resolved'));
    await waitFor(() => expect(screen.getByTestId('alert-row').getAttribute('data-state')).toBe('resolved'));
    expect(mem.inputsOf('alerts').map((i) => i.state)).toEqual(['open', 'acknowledged', 'resolved']);
  });

  it('acknowledges with the operator name (remembered) and a note; a name is needed', async () => {
    const mem = new MemoryApi();
    renderWithApi(<AlertsPage onOpenCamera={() => undefined} />, mem.api, 'zh-CN');
    fireEvent.click(await screen.findByTestId('alert-acknowledge'));
    fireEvent.click(screen.getByTestId('ack-submit'));
    expect(screen.getByTestId('ack-error').textContent).toBe('请填写值班人员姓名。');
    fireEvent.change(screen.getByTestId('ack-by'), { target: { value: ' 李明 ' } });
    fireEvent.change(screen.getByTestId('ack-note'), { target: { value: '已通知维修' } });
    fireEvent.click(screen.getByTestId('ack-submit'));
    await waitFor(() => expect(screen.getByTestId('alerts-empty')).toBeTruthy());
    expect(mem.inputsOf('acknowledgeAlert')).toEqual([{ id: 7, by: '李明', note: '已通知维修' }]);
    expect(window.localStorage.getItem('edge.operator')).toBe('李明');
    fireEvent.click(screen.getByTestId('alerts-tab-acknowledged'));
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(2));
    // The next acknowledgement starts with the remembered name.
    cleanup();
    mem.alerts = [{ ...mem.alerts[0]!, id: 8, state: 'open', acknowledgedAt: null, acknowledgedBy: null, note: null }];
    renderWithApi(<AlertsPage onOpenCamera={() => undefined} />, mem.api, 'zh-CN');
    fireEvent.click(await screen.findByTestId('alert-acknowledge'));
    expect((screen.getByTestId('ack-by') as HTMLInputElement).value).toBe('李明');
  });

  it('a new alert pushed by the health event shows without a reload; the snapshot opens on demand', async () => {
    const mem = new MemoryApi();
    const opened: Array<number | string> = [];
    renderWithApi(<AlertsPage onOpenCamera={(id) => opened.push(id)} />, mem.api, 'en');
    await screen.findAllByTestId('alert-row');
    const fresh: AlertView = { ...mem.alerts[0]!, id: 11, cameraId: 'lobby', cameraName: 'Lobby', severity: 'error', check: 'freeze', message: 'No change in 1.8 s', snapshotResultId: null, openedAt: NEWEST_AT };
    act(() => mem.emit('health', { cameras: [], alerts: [{ alert: fresh, change: 'opened' }], attention: 2 }));
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(2));
    // Straight from the event, no second call.
    expect(mem.inputsOf('alerts')).toHaveLength(1);
    expect(within(screen.getAllByTestId('alert-row')[0]!).getByTestId('alert-cause').textContent).toBe('Frozen imageNo change in 1.8 s');
    fireEvent.click(within(screen.getAllByTestId('alert-row')[1]!).getByTestId('alert-snapshot-toggle'));
    expect((await screen.findByTestId('alert-snapshot')).getAttribute('src')).toMatch(/^data:image/);
    fireEvent.click(within(screen.getAllByTestId('alert-row')[0]!).getByTestId('alert-camera'));
    expect(opened).toEqual(['lobby']);
    // Acknowledged elsewhere (another operator's window): it leaves the Open tab.
    act(() => mem.emit('health', { cameras: [], alerts: [{ alert: { ...fresh, state: 'acknowledged', acknowledgedBy: 'Li' }, change: 'acknowledged' }], attention: 1 }));
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(1));
  });
});
