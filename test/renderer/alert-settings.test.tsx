// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertSettingsPanel } from '../../renderer/src/components/AlertSettingsForm.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

describe('AlertSettingsPanel', () => {
  it('shows the saved values and saves confirm runs, per-severity switches and quiet hours', async () => {
    const mem = new MemoryApi();
    renderWithApi(<AlertSettingsPanel />, mem.api, 'en');
    const runs = (await screen.findByTestId('alert-confirmRuns')) as HTMLInputElement;
    expect(runs.value).toBe('2');
    expect((screen.getByTestId('alert-notify-warning') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('alert-notify-critical') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(runs, { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('alert-notify-warning'));
    fireEvent.click(screen.getByTestId('alert-notify-recovered'));
    fireEvent.click(screen.getByTestId('alert-quiet-enabled'));
    fireEvent.change(screen.getByTestId('alert-quiet-start'), { target: { value: '23:30' } });
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    await waitFor(() => expect(screen.getByTestId('alert-settings-saved').textContent).toBe('Alert settings saved.'));
    expect(mem.inputsOf('updateAlertSettings')).toEqual([
      { confirmRuns: 3, notify: { warning: true, error: true, critical: true, recovered: false }, quietHours: { enabled: true, start: '23:30', end: '07:00' } },
    ]);
  });

  it('refuses values the schema does not take, in the UI language, without sending them', async () => {
    const mem = new MemoryApi();
    renderWithApi(<AlertSettingsPanel />, mem.api, 'zh-CN');
    fireEvent.change(await screen.findByTestId('alert-confirmRuns'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('alert-settings-save'));
    expect((await screen.findByTestId('alert-settings-error')).textContent).toBe('请检查：次数为 1 到 10 的整数，时间格式为 HH:MM。');
    expect(mem.inputsOf('updateAlertSettings')).toEqual([]);
  });
});
