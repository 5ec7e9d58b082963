// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { QueuePage } from '../../renderer/src/pages/QueuePage.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

describe('Queue page', () => {
  it('lists running, waiting and recent tasks and the broker queue in Chinese', async () => {
    const mem = new MemoryApi();
    renderWithApi(<QueuePage />, mem.api, 'zh-CN');
    const rows = await screen.findAllByTestId('queue-running-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('1201')).toBeTruthy();
    expect(first.getByText('5 / 12')).toBeTruthy();
    expect(first.getByText('Gate 6, Gate 7')).toBeTruthy();
    expect(first.getByText('停止并交还')).toBeTruthy();
    // 65 s of a 300 s limit; the second task is at 280 s of 300 s.
    expect(first.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('22');
    expect(within(rows[1]!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('93');
    expect(screen.getAllByTestId('queue-waiting-row')).toHaveLength(1);
    expect(screen.getAllByTestId('queue-recent-row')[0]!.textContent).toContain('1199');
    const broker = screen.getByTestId('broker-queue-row');
    expect(broker.textContent).toContain('easysight.diagnosis.tasks');
    expect(broker.textContent).toContain('17');
  });

  it('stops a task and hands it back, then follows the queue event', async () => {
    const mem = new MemoryApi();
    renderWithApi(<QueuePage />, mem.api, 'en');
    const rows = await screen.findAllByTestId('queue-running-row');
    fireEvent.click(within(rows[1]!).getByText('Stop and hand back'));
    expect(mem.inputsOf('stopTask')).toEqual([{ runId: 'run-b' }]);
    await waitFor(() => expect(within(rows[1]!).getByTestId('stop-task').textContent).toBe('Stopping…'));
    act(() => mem.emit('queue', mem.queue));
    expect(screen.getAllByTestId('queue-running-row')).toHaveLength(1);
  });

  it('shows why a stop failed', async () => {
    const mem = new MemoryApi();
    mem.failNext('stopTask', { kind: 'not_found', message: 'run-a already finished' });
    renderWithApi(<QueuePage />, mem.api, 'en');
    const rows = await screen.findAllByTestId('queue-running-row');
    fireEvent.click(within(rows[0]!).getByTestId('stop-task'));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not stop the task: run-a already finished');
  });

  it('says when the broker queue is unknown', async () => {
    const mem = new MemoryApi();
    mem.queue = { running: [], waiting: [], recent: [], brokerQueues: null };
    renderWithApi(<QueuePage />, mem.api, 'en');
    expect(await screen.findByText('No task is running.')).toBeTruthy();
    expect(screen.getByText('Not known while the broker is not connected.')).toBeTruthy();
  });
});
