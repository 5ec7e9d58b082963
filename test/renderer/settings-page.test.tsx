// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../renderer/src/pages/SettingsPage.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

const input = (field: string) => screen.getByTestId(`settings-${field}`) as HTMLInputElement;


const RESTARTS = 'Settings saved. The worker restarts to use them: running tasks get up to 10 s to finish, then new tasks are taken with the new settings.';
describe('Settings page', () => {
  it('shows every field, with default thresholds as placeholders, in Chinese', async () => {
    const mem = new MemoryApi({ settings: { thresholds: { clarity: { clarity_min: 80 } } } });
    renderWithApi(<SettingsPage />, mem.api, 'zh-CN');
    await screen.findByTestId('settings-save');
    for (const field of ['brokerUrls', 'brokerUsername', 'brokerPassword', 'workerId', 'concurrency', 'probeLimit', 'heartbeatIntervalS', 'taskTimeoutS', 'retentionDays', 'language', 'startAtLogin', 'platformUrl', 'platformUsername', 'platformPassword']) {
      expect(screen.getByTestId(`settings-${field}`)).toBeTruthy();
    }
    expect(input('brokerUrls').value).toBe('amqp://127.0.0.1:5672/');
    expect(input('concurrency').value).toBe('4');
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
    expect((await screen.findByTestId('settings-saved')).textContent).toBe(RESTARTS);
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

  it('says that a worker setting restarts the worker, and that the language alone does not, in Chinese', async () => {
    const mem = new MemoryApi();
    renderWithApi(<SettingsPage />, mem.api, 'zh-CN');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('language'), { target: { value: 'zh-CN' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-saved')).textContent).toBe('设置已保存。');
    fireEvent.change(input('concurrency'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(mem.inputsOf('updateSettings')).toHaveLength(2));
    const notice = await screen.findByTestId('settings-saved');
    expect(notice.textContent).toBe('设置已保存。工作进程正在重启以使用新设置：正在运行的任务最多有 10 秒完成，之后按新设置接收任务。');
    expect(notice.className).toContain('note-warning');
  });

  it('shows the server error when the update is refused', async () => {
    const mem = new MemoryApi();
    mem.failNext('updateSettings', { kind: 'invalid_input', message: 'platformUrl: no such host' });
    renderWithApi(<SettingsPage />, mem.api, 'en');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('platformUrl'), { target: { value: 'http://platform.example' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-server-error').textContent).toBe('The settings were not saved: platformUrl: no such host'));
    expect(mem.inputsOf('updateSettings')[0]?.platformUrl).toBe('http://platform.example');
    expect(screen.queryByTestId('settings-saved')).toBeNull();
  });
});

describe('Settings page: fields a config file, the environment or a flag decides', () => {
  // taskTimeoutS 5 is below what the page accepts: the environment's value is shown, never checked or sent.
  const decided = () =>
    new MemoryApi({
      settings: {
        concurrency: 2,
        taskTimeoutS: 5,
        brokerUrls: ['amqp://mq1:5672/es'],
        brokerUsername: 'edge',
        hasPlatformPassword: true,
        overriddenBy: { concurrency: 'command-line', taskTimeoutS: 'environment', brokerUrls: 'config-file', brokerUsername: 'config-file', platformPassword: 'environment' },
      },
    });
  const note = (field: string) => screen.queryByTestId(`settings-overridden-${field}`)?.textContent ?? null;

  it('shows them read-only with the value in effect and a note, in Chinese', async () => {
    renderWithApi(<SettingsPage />, decided().api, 'zh-CN');
    await screen.findByTestId('settings-save');
    expect(input('concurrency')).toMatchObject({ disabled: true, value: '2' });
    expect(note('concurrency')).toBe('此项由命令行参数设置，在此修改不会生效。');
    expect(input('taskTimeoutS')).toMatchObject({ disabled: true, value: '5' });
    expect(note('taskTimeoutS')).toBe('此项由 EDGE_* 环境变量设置，在此修改不会生效。');
    expect(input('brokerUrls')).toMatchObject({ disabled: true, value: 'amqp://mq1:5672/es' });
    expect(note('brokerUrls')).toBe('此项由配置文件（--config）设置，在此修改不会生效。');
    // The broker password is part of the broker URLs the config file gives.
    expect(input('brokerPassword').disabled).toBe(true);
    expect(note('brokerPassword')).toBe('此项由配置文件（--config）设置，在此修改不会生效。');
    expect(input('platformPassword').disabled).toBe(true);
    expect(input('platformPassword').placeholder).toBe('已设置');
    expect(note('platformPassword')).toBe('此项由 EDGE_* 环境变量设置，在此修改不会生效。');
    expect(input('probeLimit').disabled).toBe(false);
    expect(note('probeLimit')).toBeNull();
  });

  it('says so in English', async () => {
    renderWithApi(<SettingsPage />, decided().api, 'en');
    await screen.findByTestId('settings-save');
    expect(note('concurrency')).toBe('Set on the command line; a change here has no effect.');
    expect(note('taskTimeoutS')).toBe('Set by an EDGE_* environment variable; a change here has no effect.');
    expect(note('brokerUsername')).toBe('Set in the config file (--config); a change here has no effect.');
    expect(input('workerId').disabled).toBe(false);
  });

  it('saves the other fields without sending them', async () => {
    const mem = decided();
    renderWithApi(<SettingsPage />, mem.api, 'en');
    await screen.findByTestId('settings-save');
    fireEvent.change(input('probeLimit'), { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-saved')).textContent).toBe(RESTARTS);
    const sent = mem.inputsOf('updateSettings')[0]!;
    expect(sent.probeLimit).toBe(4);
    for (const field of ['concurrency', 'taskTimeoutS', 'brokerUrls', 'brokerUsername', 'brokerPassword', 'platformPassword']) expect(sent).not.toHaveProperty(field);
    expect(input('concurrency')).toMatchObject({ disabled: true, value: '2' });
  });
});
