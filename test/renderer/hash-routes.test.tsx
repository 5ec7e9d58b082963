// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { hashOf, routeFromHash } from '../../renderer/src/route.ts';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';
import { useScrollHeight } from './scroll-height.ts';

useScrollHeight(['board-scroll']);

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const current = (page: string) => screen.getByTestId(`nav-${page}`).getAttribute('aria-current');

describe('hash routes', () => {
  it('every page and camera has an address, read back as the same route', () => {
    for (const page of ['board', 'alerts', 'overview', 'queue', 'results', 'cameras', 'settings', 'logs'] as const) expect(routeFromHash(hashOf({ page }))).toEqual({ page });
    expect(hashOf({ page: 'camera', cameraId: 12 })).toBe('#/camera/12');
    expect(routeFromHash('#/camera/12')).toEqual({ page: 'camera', cameraId: 12 });
    expect(hashOf({ page: 'camera', cameraId: '大厅 1/东' })).toBe('#/camera/%E5%A4%A7%E5%8E%85%201%2F%E4%B8%9C');
    expect(routeFromHash(hashOf({ page: 'camera', cameraId: '大厅 1/东' }))).toEqual({ page: 'camera', cameraId: '大厅 1/东' });
    expect(routeFromHash('#/overview/sample')).toEqual({ page: 'overview', sample: true });
    for (const other of ['', '#', '#/diagnose', '#/nope', '#/camera/', '#/camera/%E0', '#/board/x']) expect(routeFromHash(other)).toBeNull();
  });

  it('a reload stays on the page, a camera included', async () => {
    window.history.replaceState(null, '', '/#/camera/lobby');
    const mem = new MemoryApi();
    renderWithApi(<App />, mem.api, 'en');
    await waitFor(() => expect(mem.inputsOf('trend').at(-1)?.cameraId).toBe('lobby'));
    cleanup();
    window.history.replaceState(null, '', '/#/alerts');
    renderWithApi(<App />, mem.api, 'en');
    expect(await screen.findAllByTestId('alert-row')).toHaveLength(1);
    expect(current('alerts')).toBe('page');
  });

  it('Back returns to the previous page; a camera opened from the board goes back to the board', async () => {
    const mem = new MemoryApi();
    renderWithApi(<App />, mem.api, 'en');
    await screen.findAllByTestId('board-row');
    fireEvent.click(screen.getAllByTestId('board-camera')[0]!);
    await waitFor(() => expect(window.location.hash).toBe('#/camera/1'));
    await waitFor(() => expect(mem.inputsOf('trend').at(-1)?.cameraId).toBe(1));
    act(() => window.history.back());
    await waitFor(() => expect(window.location.hash).toBe(''));
    expect(await screen.findAllByTestId('board-row')).toHaveLength(4);
    expect(current('board')).toBe('page');
    fireEvent.click(screen.getByTestId('nav-queue'));
    fireEvent.click(screen.getByTestId('nav-logs'));
    await waitFor(() => expect(current('logs')).toBe('page'));
    act(() => window.history.back());
    await waitFor(() => expect(current('queue')).toBe('page'));
  });
});
