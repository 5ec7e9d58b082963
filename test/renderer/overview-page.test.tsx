// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OverviewPage } from '../../renderer/src/pages/OverviewPage.tsx';
import { makeStatus, MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

describe('Overview page', () => {
  it('shows worker health in Chinese', async () => {
    const mem = new MemoryApi({ status: { topologyWarnings: [{ queue: 'task.results', kind: 'missing', detail: "NOT_FOUND - no queue 'task.results' in vhost '/'" }], secretStorageWarning: 'passwords are stored as plain text' } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, mem.api, 'zh-CN');
    expect(await screen.findByTestId('broker-state')).toHaveProperty('textContent', '已连接');
    expect(screen.getByTestId('slots').textContent).toBe('2 / 3');
    expect(screen.getByTestId('today-done').textContent).toBe('41');
    expect(screen.getByTestId('today-failed').textContent).toBe('3');
    expect(screen.getByTestId('today-timed-out').textContent).toBe('1');
    expect(screen.getByTestId('outbox').textContent).toBe('7');
    expect(screen.getByTestId('broker-host').textContent).toBe('mq.example.local:5672');
    expect(screen.getByText('1d 02:03:04')).toBeTruthy();
    expect(screen.getByText('正在接收任务')).toBeTruthy();
    const warnings = screen.getByTestId('warnings').textContent ?? '';
    expect(warnings).toContain('队列 task.results 不存在');
    expect(warnings).toContain('passwords are stored as plain text');
    expect(screen.queryByTestId('first-run')).toBeNull();
    // Never the password: the endpoint has none, and nothing that looks like one is shown.
    expect(document.body.textContent).not.toMatch(/password=|:guest@/);
  });

  it('says in both languages that the disk is nearly full and no tasks are taken', async () => {
    const diskLow = { path: '/var/lib/edge', freeBytes: 100 * 1024 * 1024, floorBytes: 256 * 1024 * 1024 };
    const zh = new MemoryApi({ status: { diskLow } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, zh.api, 'zh-CN');
    await screen.findByTestId('warnings');
    expect(screen.getByTestId('warnings').textContent).toContain('磁盘空间即将用尽：/var/lib/edge 仅剩 100 MB，低于下限 256 MB');
    cleanup();
    const en = new MemoryApi({ status: { diskLow } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, en.api, 'en');
    await screen.findByTestId('warnings');
    expect(screen.getByTestId('warnings').textContent).toContain('The disk is nearly full: 100 MB free in /var/lib/edge, below the floor of 256 MB');
  });

  it('says the database was rebuilt and what was carried over', async () => {
    const storeRecovery = { at: '2025-08-13T08:30:00.000Z', movedTo: '/d/edge.db.corrupt-x', unsentResults: 30, cameras: 2, settings: 4, unreadable: [] };
    const mem = new MemoryApi({ status: { storeRecovery } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, mem.api, 'zh-CN');
    await screen.findByTestId('warnings');
    expect(screen.getByTestId('warnings').textContent).toMatch(/本地数据库已损坏，已于 .+ 重建：已恢复 30 条未发送的结果、2 个摄像机和 4 项设置。损坏的文件保留在 \/d\/edge.db.corrupt-x/);
  });

  it('shows the cameras probed at once, probes per minute and the mean probe time in both languages', async () => {
    const probes = { concurrency: 12, running: 9, ceiling: 24, perMinute: 318, meanLatencyMs: 2450 };
    const zh = new MemoryApi({ status: { probes } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, zh.api, 'zh-CN');
    expect((await screen.findByTestId('probe-concurrency')).textContent).toBe('进行中 9，上限 12 / 24');
    expect(screen.getByTestId('probes-per-minute').textContent).toBe('318');
    expect(screen.getByTestId('probe-latency').textContent).toBe('2.45 秒');
    expect(screen.getByText('同时探测的摄像机')).toBeTruthy();
    cleanup();
    const en = new MemoryApi({ status: { probes: { ...probes, perMinute: 0, meanLatencyMs: null } } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, en.api, 'en');
    expect((await screen.findByTestId('probe-concurrency')).textContent).toBe('9 running, limit 12 of 24');
    expect(screen.getByTestId('probes-per-minute').textContent).toBe('0');
    expect(screen.getByTestId('probe-latency').textContent).toBe('—');
    expect(screen.getByText('Mean probe time')).toBeTruthy();
  });

  it('shows worker health in English', async () => {
    const mem = new MemoryApi({ status: { broker: 'reconnecting', enabled: false } });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, mem.api, 'en');
    const badge = await screen.findByTestId('broker-state');
    expect(badge.textContent).toBe('Reconnecting');
    expect(badge.getAttribute('data-state')).toBe('reconnecting');
    expect(screen.getByTestId('slots').textContent).toBe('2 of 3');
    expect(screen.getByText('Not taking tasks')).toBeTruthy();
  });

  it('the switch calls setWorkerEnabled and shows the new state', async () => {
    const mem = new MemoryApi();
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, mem.api, 'en');
    const toggle = (await screen.findByTestId('worker-toggle')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() => expect(mem.inputsOf('setWorkerEnabled')).toEqual([{ enabled: false }]));
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(screen.getByText('Not taking tasks')).toBeTruthy();
  });

  it('follows pushed status events', async () => {
    const mem = new MemoryApi();
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, mem.api, 'en');
    await screen.findByTestId('broker-state');
    act(() => mem.emit('status', makeStatus({ broker: 'connecting', today: { done: 99, failed: 0, timedOut: 0, parked: 0 } })));
    expect(screen.getByTestId('broker-state').textContent).toBe('Connecting');
    expect(screen.getByTestId('today-done').textContent).toBe('99');
  });

  it('first run: explains what to connect and diagnoses a sample live', async () => {
    const mem = new MemoryApi({ status: { firstRun: true, broker: 'stopped', brokerEndpoint: null } });
    let release = (): void => {};
    mem.diagnosisGate = new Promise((resolve) => (release = resolve));
    const onNavigate = vi.fn();
    renderWithApi(<OverviewPage onNavigate={onNavigate} />, mem.api, 'zh-CN');
    const panel = await screen.findByTestId('first-run');
    expect(panel.textContent).toContain('欢迎使用 EasySight 边缘节点');
    fireEvent.click(screen.getByText('打开设置'));
    expect(onNavigate).toHaveBeenCalledWith('settings');

    const button = screen.getByTestId('sample-diagnose');
    await waitFor(() => expect((screen.getByTestId('sample-select') as HTMLSelectElement).value).toBe('covered-lens.mp4'));
    fireEvent.click(button);
    expect(mem.inputsOf('diagnoseNow')).toEqual([{ sample: 'covered-lens.mp4' }]);
    const result = await screen.findByTestId('diagnose-result');
    expect(result.getAttribute('data-phase')).toBe('running');
    expect(result.textContent).toContain('正在诊断 covered-lens.mp4');

    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('diagnose-result').getAttribute('data-phase')).toBe('done'));
    const done = screen.getByTestId('diagnose-result').textContent ?? '';
    expect(done).toContain('遮挡');
    expect(done).toContain('严重');
    expect(done).toContain('画面被大面积遮挡');
    expect(done).toContain('用时 2.3 秒');
  });

  it('first run also when the broker is down and there are no cameras', async () => {
    const mem = new MemoryApi({ status: { broker: 'connecting' }, cameras: [] });
    renderWithApi(<OverviewPage onNavigate={vi.fn()} />, mem.api, 'en');
    expect((await screen.findByTestId('first-run')).textContent).toContain('Welcome to EasySight Edge');
  });
});
