// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardPage } from '../../renderer/src/pages/BoardPage.tsx';
import { boardCamera, MemoryApi, NEWEST_AT } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';
import { useScrollHeight } from './scroll-height.ts';

useScrollHeight(['board-scroll']);

afterEach(cleanup);

const names = () => screen.getAllByTestId('board-row').map((r) => within(r).getByTestId('board-camera').textContent);

describe('BoardPage', () => {
  it('lists every camera worst first with its state, cause, since and recent runs, and counts each state', async () => {
    const mem = new MemoryApi();
    // Out of order on purpose: the page keeps the API's order, which is worst first.
    renderWithApi(<BoardPage onOpenCamera={() => undefined} />, mem.api, 'en');
    expect(await screen.findAllByTestId('board-row')).toHaveLength(4);
    expect(names()).toEqual(['Gate 1', 'Lobby', 'Car park', 'Gate 44']);
    const first = screen.getAllByTestId('board-row')[0]!;
    expect(within(first).getByTestId('health-state').textContent).toBe('Abnormal');
    expect(within(first).getByTestId('board-problem').textContent).toBe('OcclusionMost of the image is covered');
    expect(within(first).getByTestId('board-since').textContent).toMatch(/^for /);
    const bars = within(first).getByTestId('sparkline').querySelectorAll('rect');
    expect([...bars].map((b) => b.getAttribute('data-status'))).toEqual(['normal', 'normal', 'normal', 'critical', 'critical', 'critical']);
    expect(within(screen.getAllByTestId('board-row')[1]!).getByTestId('board-pending').getAttribute('title')).toBe('1 abnormal run(s), not yet confirmed');
    expect(screen.getByText('seen in results only')).toBeTruthy();
    expect(['abnormal', 'turning', 'unknown', 'normal'].map((b) => screen.getByTestId(`board-count-${b}`).textContent)).toEqual(['1 Abnormal', '1 Turning bad', '1 Not checked yet', '1 Normal']);
  });

  it('filters by state, location and group, and searches by name or code', async () => {
    const mem = new MemoryApi();
    renderWithApi(<BoardPage onOpenCamera={() => undefined} />, mem.api, 'en');
    await screen.findAllByTestId('board-row');
    fireEvent.click(screen.getByTestId('board-count-abnormal'));
    expect(names()).toEqual(['Gate 1']);
    fireEvent.change(screen.getByTestId('board-filter-state'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('board-filter-group'), { target: { value: 'Perimeter' } });
    expect(names()).toEqual(['Gate 1', 'Car park']);
    fireEvent.change(screen.getByTestId('board-filter-location'), { target: { value: 'Car park' } });
    expect(names()).toEqual(['Car park']);
    fireEvent.change(screen.getByTestId('board-filter-location'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('board-filter-group'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('board-search'), { target: { value: 'c-003' } });
    expect(names()).toEqual(['Car park']);
    fireEvent.change(screen.getByTestId('board-search'), { target: { value: 'gate' } });
    expect(names()).toEqual(['Gate 1', 'Gate 44']);
    fireEvent.change(screen.getByTestId('board-search'), { target: { value: 'nothing like it' } });
    expect(screen.getByTestId('board-no-match')).toBeTruthy();
  });

  it('follows the health event without a reload: a camera gone bad moves up among the abnormal ones', async () => {
    const mem = new MemoryApi();
    renderWithApi(<BoardPage onOpenCamera={() => undefined} />, mem.api, 'zh-CN');
    await screen.findAllByTestId('board-row');
    const calls = mem.inputsOf('board').length;
    act(() =>
      mem.emit('health', {
        cameras: [boardCamera({ cameraId: 3, name: 'Car park', code: 'C-003', state: 'abnormal', since: NEWEST_AT, worstStatus: 'critical', worstCheck: 'signal_loss', message: '无信号', openAlertId: 9 })],
        alerts: [],
        attention: 2,
      }),
    );
    // Both critical: the one broken longer (Gate 1) stays first.
    await waitFor(() => expect(names()).toEqual(['Gate 1', 'Car park', 'Lobby', 'Gate 44']));
    expect(within(screen.getAllByTestId('board-row')[1]!).getByTestId('health-state').textContent).toBe('异常');
    expect(within(screen.getAllByTestId('board-row')[1]!).getByTestId('board-problem').textContent).toBe('信号丢失无信号');
    expect(screen.getByTestId('board-count-abnormal').textContent).toBe('2 异常');
    expect(mem.inputsOf('board').length).toBe(calls);
  });

  it('2,000 cameras: only a window of rows is in the page', async () => {
    const mem = new MemoryApi();
    mem.board = Array.from({ length: 2000 }, (_, n) => boardCamera({ cameraId: n + 1, name: `Camera ${String(n + 1).padStart(4, '0')}` }));
    renderWithApi(<BoardPage onOpenCamera={() => undefined} />, mem.api, 'en');
    const rows = await screen.findAllByTestId('board-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByTestId('board-shown').textContent).toBe('2000 of 2000 cameras');
  });

  it('a click opens the camera; an empty inventory says what to do', async () => {
    const opened: Array<number | string> = [];
    const mem = new MemoryApi();
    renderWithApi(<BoardPage onOpenCamera={(id) => opened.push(id)} />, mem.api, 'en');
    fireEvent.click((await screen.findAllByTestId('board-camera'))[1]!);
    fireEvent.click(screen.getAllByTestId('board-row')[0]!);
    expect(opened).toEqual(['lobby', 1]);
    cleanup();
    mem.board = [];
    renderWithApi(<BoardPage onOpenCamera={() => undefined} />, mem.api, 'en');
    expect((await screen.findByTestId('board-empty')).textContent).toContain('Cameras page');
  });
});
