// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CamerasPage } from '../../renderer/src/pages/CamerasPage.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

function chooseFile(name: string, text: string): void {
  const input = screen.getByTestId('camera-import') as HTMLInputElement;
  const file = new File([text], name, { type: 'text/plain' });
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  fireEvent.change(input);
}

describe('Cameras page', () => {
  it('lists the inventory in Chinese; passwords show only as set', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'zh-CN');
    const rows = await screen.findAllByTestId('camera-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Gate 1');
    expect(within(rows[0]!).getByText('已设置')).toBeTruthy();
    expect(within(rows[1]!).getByText('导入')).toBeTruthy();
    // No platform URL: sync is off, with the reason next to it.
    expect((screen.getByTestId('camera-sync') as HTMLButtonElement).disabled).toBe(true);
    expect((await screen.findByTestId('sync-hint')).textContent).toContain('平台地址');
  });

  it('imports a CSV file and shows the count and the errors', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await screen.findAllByTestId('camera-row');
    const csv = 'id,name,streamUrl\n3,Dock,rtsp://10.0.0.13/s\n4,Yard\n5,Roof,rtsp://10.0.0.15/s\n';
    chooseFile('cams.csv', csv);
    const result = await screen.findByTestId('import-result');
    expect(result.textContent).toContain('2 cameras imported');
    expect(screen.getByTestId('import-errors').textContent).toBe('line 3: a stream URL is needed');
    expect(mem.inputsOf('importCameras')).toEqual([{ format: 'csv', text: csv }]);
  });

  it('refuses a file that is neither CSV nor JSON, and shows a server error', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await screen.findAllByTestId('camera-row');
    chooseFile('cams.xlsx', 'x');
    expect((await screen.findByTestId('import-error')).textContent).toBe('Choose a .csv or .json file.');
    mem.failNext('importCameras', { kind: 'invalid_input', message: 'not valid JSON' });
    chooseFile('cams.json', '[');
    await waitFor(() => expect(screen.getByTestId('import-error').textContent).toBe('Could not import: not valid JSON'));
    expect(mem.inputsOf('importCameras')).toEqual([{ format: 'json', text: '[' }]);
  });

  it('adds a camera with a password and checks the form first', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await screen.findAllByTestId('camera-row');
    fireEvent.click(screen.getByTestId('camera-add'));
    fireEvent.change(screen.getByTestId('camera-id'), { target: { value: '42' } });
    fireEvent.click(screen.getByTestId('camera-save'));
    expect((await screen.findByTestId('camera-error-name')).textContent).toBe('Required.');
    expect(mem.inputsOf('saveCamera')).toEqual([]);
    fireEvent.change(screen.getByTestId('camera-name'), { target: { value: 'Dock' } });
    fireEvent.change(screen.getByTestId('camera-streamUrl'), { target: { value: 'rtsp://10.0.0.42/s' } });
    fireEvent.change(screen.getByTestId('camera-password'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByTestId('camera-save'));
    await waitFor(() => expect(screen.getAllByTestId('camera-row')).toHaveLength(3));
    expect(mem.inputsOf('saveCamera')).toEqual([
      { id: 42, name: 'Dock', code: null, streamUrl: 'rtsp://10.0.0.42/s', backupStreamUrl: null, location: null, username: null, password: 's3cret' },
    ]);
  });

  it('edits a camera without touching its stored password', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    const rows = await screen.findAllByTestId('camera-row');
    fireEvent.click(within(rows[0]!).getByTestId('camera-edit'));
    const password = screen.getByTestId('camera-password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('set (type to replace)');
    fireEvent.change(screen.getByTestId('camera-location'), { target: { value: 'North gate, pole 2' } });
    fireEvent.click(screen.getByTestId('camera-save'));
    await waitFor(() => expect(mem.inputsOf('saveCamera')).toHaveLength(1));
    const sent = mem.inputsOf('saveCamera')[0]!;
    expect(sent.location).toBe('North gate, pole 2');
    expect('password' in sent).toBe(false);
  });

  it('removes a camera after a second click', async () => {
    const mem = new MemoryApi();
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    const rows = await screen.findAllByTestId('camera-row');
    const remove = within(rows[1]!).getByTestId('camera-remove');
    fireEvent.click(remove);
    expect(mem.inputsOf('removeCamera')).toEqual([]);
    expect(remove.textContent).toBe('Really remove?');
    fireEvent.click(remove);
    await waitFor(() => expect(screen.getAllByTestId('camera-row')).toHaveLength(1));
    expect(mem.inputsOf('removeCamera')).toEqual([{ id: 'lobby' }]);
  });

  it('diagnoses one camera now and syncs from the platform when configured', async () => {
    const mem = new MemoryApi({ settings: { platformUrl: 'https://platform.example' } });
    let release = (): void => {};
    mem.diagnosisGate = new Promise((resolve) => (release = resolve));
    renderWithApi(<CamerasPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    const rows = await screen.findAllByTestId('camera-row');
    fireEvent.click(within(rows[0]!).getByTestId('camera-diagnose'));
    expect(mem.inputsOf('diagnoseNow')).toEqual([{ cameraId: 1 }]);
    expect((await screen.findByTestId('diagnose-result')).textContent).toContain('Diagnosing Gate 1');
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('diagnose-result').textContent).toContain('Diagnosis of Gate 1'));
    expect(screen.getByTestId('diagnose-result').textContent).toContain('Most of the image is covered');

    await waitFor(() => expect((screen.getByTestId('camera-sync') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('camera-sync'));
    expect((await screen.findByTestId('cameras-message')).textContent).toBe('12 cameras synced');
    expect(mem.inputsOf('syncCameras')).toEqual([{}]);
  });

  it('marks the cameras a task brought, opens a camera history by its name, and says a failed diagnosis in the UI language', async () => {
    const mem = new MemoryApi();
    mem.cameras = [
      ...mem.cameras,
      { id: 31, code: 'D-31', name: 'Dock 31', streamUrl: 'rtsp://10.0.0.31/ch1', backupStreamUrl: null, location: null, username: 'ops', hasPassword: true, source: 'platform', origin: 'task', updatedAt: 0 },
    ];
    const raw = 'refused: The source rtsp://10.0.0.31/ch1 refused the connection. ffmpeg: "Connection refused"';
    const api = {
      ...mem.api,
      diagnoseNow: async () => ({
        ok: true as const,
        value: {
          cameraName: 'Dock 31',
          ok: false,
          failure: raw,
          totalMs: 120,
          results: [{ type: 'signal_loss' as const, status: 'critical' as const, score: 0, value: 1, threshold: { signal_loss_threshold: 0.3, signal_loss_severe_threshold: 0.7 }, message: { 'zh-CN': '视频信号丢失：连接被拒绝', en: 'Signal lost: Connection refused' }, detail: raw }],
          snapshot: null,
        },
      }),
    };
    const onOpenCamera = vi.fn();
    renderWithApi(<CamerasPage onOpenCamera={onOpenCamera} />, api, 'zh-CN');
    const dock = (await screen.findAllByTestId('camera-row')).find((r) => r.getAttribute('data-camera-id') === '31')!;
    expect(within(dock).getByTestId('camera-source').textContent).toBe('由任务带入');
    fireEvent.click(within(dock).getByTestId('camera-history'));
    expect(onOpenCamera).toHaveBeenCalledWith(31);
    fireEvent.click(within(dock).getByTestId('camera-diagnose'));
    const panel = await screen.findByTestId('diagnose-result');
    await waitFor(() => expect(panel.getAttribute('data-phase')).toBe('done'));
    expect(within(panel).getByRole('alert').textContent).toBe('诊断未能执行：视频信号丢失：连接被拒绝');
    expect(screen.getByTestId('diagnose-source-said').textContent).toContain('ffmpeg: "Connection refused"');
    // No measure for a camera that gave no picture, and no raw threshold names.
    expect(panel.textContent).not.toContain('signal_loss_threshold');
  });
});
