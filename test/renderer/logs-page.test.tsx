// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LogsPage } from '../../renderer/src/pages/LogsPage.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

const messages = () => screen.getAllByTestId('log-row').map((r) => r.lastElementChild?.textContent);

describe('Logs page', () => {
  it('shows info and above by default, in Chinese', async () => {
    const mem = new MemoryApi();
    renderWithApi(<LogsPage />, mem.api, 'zh-CN');
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(3));
    expect(mem.inputsOf('logs')).toEqual([{ level: 'info', limit: 500 }]);
    expect(screen.getAllByText('错误').length).toBeGreaterThan(0);
  });

  it('filters by level and appends live lines that pass the filter', async () => {
    const mem = new MemoryApi();
    renderWithApi(<LogsPage />, mem.api, 'en');
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(3));
    fireEvent.change(screen.getByTestId('logs-level'), { target: { value: 'error' } });
    await waitFor(() => expect(messages()).toEqual(['camera Gate 12 stream could not be opened']));
    expect(mem.inputsOf('logs').at(-1)).toEqual({ level: 'error', limit: 500 });
    act(() => {
      mem.emit('log', { time: new Date().toISOString(), level: 'info', message: 'task 1300 done' });
      mem.emit('log', { time: new Date().toISOString(), level: 'error', message: 'broker connection lost' });
    });
    expect(messages()).toEqual(['camera Gate 12 stream could not be opened', 'broker connection lost']);
    expect(screen.getAllByText('Error').length).toBeGreaterThan(0);
  });
});
