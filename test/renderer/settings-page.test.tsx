// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../renderer/src/pages/SettingsPage.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

const input = (field: string) => screen.getByTestId(`settings-${field}`) as HTMLInputElement;

describe('Settings page', () => {
  it('shows every field, with default thresholds as placeholders, in Chinese', async () => {
    const mem = new MemoryApi({ settings: { thresholds: { clarity: { clarity_min: 80 } } } });
    renderWithApi(<SettingsPage />, mem.api, 'zh-CN');
    await screen.findByTestId('settings-save');
    for (const field of ['brokerUrls', 'brokerUsername', 'brokerPassword', 'workerId', 'concurrency', 'probeLimit', 'heartbeatIntervalS', 'taskTimeoutS', 'ffmpegPath', 'retentionDays', 'language', 'startAtLogin', 'platformUrl', 'platformUsername', 'platformPassword']) {
      expect(screen.getByTestId(`settings-${field}`)).toBeTruthy();
    }
    expect(input('brokerUrls').value).toBe('amqp://127.0.0.1:5672/');
    expect(input('concurrency').value).toBe('3');
    expect(input('brokerPassword').value).toBe('');
    expect(input('brokerPassword').placeholder).toBe('已设置（输入以替换）');
    expect(input('platformPassword').placeholder).toBe('未设置');
    expect(input('thresholds-brightness-brightness_max').placeholder).toBe('220');
    expect(input('thresholds-clarity-clarity_min').value).toBe('80');
    expect(screen.getByText('消息服务地址（每行一个）')).toBeTruthy();
  });

  it('shows a field error from the shared schema and sends nothing', async () => {
    const mem = new MemoryApi();
    renderWithApi(<SettingsPage />, mem.api, 'en');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('brokerUrls'), { target: { value: 'amqp://guest:guest@mq:5672/' } });
    fireEvent.change(input('concurrency'), { target: { value: '0' } });
    fireEvent.change(input('workerId'), { target: { value: 'edge 1' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error-brokerUrls')).textContent).toBe('Use amqp://host:port/vhost, without user name or password (they have their own fields).');
    expect(screen.getByTestId('settings-error-concurrency').textContent).toBe('At least 1.');
    expect(screen.getByTestId('settings-error-workerId').textContent).toBe('Letters, digits and _ . : - only.');
    expect(screen.getByTestId('settings-invalid').textContent).toBe('Some fields need attention.');
    expect(mem.inputsOf('updateSettings')).toEqual([]);
  });

  it('shows field errors in Chinese', async () => {
    const mem = new MemoryApi();
    renderWithApi(<SettingsPage />, mem.api, 'zh-CN');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('taskTimeoutS'), { target: { value: '' } });
    fireEvent.change(input('platformUrl'), { target: { value: 'ftp://x' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error-taskTimeoutS')).textContent).toBe('请输入整数。');
    expect(screen.getByTestId('settings-error-platformUrl').textContent).toBe('格式为 http(s)://主机[:端口]，或留空。');
  });

  it('saves valid settings with write-only passwords and thresholds', async () => {
    const mem = new MemoryApi();
    renderWithApi(<SettingsPage />, mem.api, 'en');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('brokerUrls'), { target: { value: 'amqp://mq1:5672/es\n\namqps://mq2/es' } });
    fireEvent.change(input('concurrency'), { target: { value: '6' } });
    fireEvent.change(input('platformPassword'), { target: { value: 'p4ss' } });
    fireEvent.click(input('brokerPassword-clear'));
    fireEvent.change(input('thresholds-noise-noise_max'), { target: { value: '12.5' } });
    fireEvent.click(input('startAtLogin'));
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-saved')).textContent).toBe('Settings saved.');
    const sent = mem.inputsOf('updateSettings')[0]!;
    expect(sent.brokerUrls).toEqual(['amqp://mq1:5672/es', 'amqps://mq2/es']);
    expect(sent.concurrency).toBe(6);
    expect(sent.startAtLogin).toBe(true);
    expect(sent.thresholds).toEqual({ noise: { noise_max: 12.5 } });
    expect(sent.platformPassword).toBe('p4ss');
    expect(sent.brokerPassword).toBeNull();
    // The secret is gone from the form once saved; only "set" remains.
    expect(input('platformPassword').value).toBe('');
    expect(input('platformPassword').placeholder).toBe('set (type to replace)');
  });

  it('shows the server error when the update is refused', async () => {
    const mem = new MemoryApi();
    mem.failNext('updateSettings', { kind: 'invalid_input', message: 'ffmpegPath: no such file' });
    renderWithApi(<SettingsPage />, mem.api, 'en');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('ffmpegPath'), { target: { value: '/opt/ffmpeg' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-server-error').textContent).toBe('The settings were not saved: ffmpegPath: no such file'));
    expect(mem.inputsOf('updateSettings')[0]?.ffmpegPath).toBe('/opt/ffmpeg');
    expect(screen.queryByTestId('settings-saved')).toBeNull();
  });
});
