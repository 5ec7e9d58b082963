// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { Root } from '../../renderer/src/Root.tsx';
import { createI18n } from '../../renderer/src/i18n/create-i18n.ts';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const current = (page: string) => screen.getByTestId(`nav-${page}`).getAttribute('aria-current');

describe('#/diagnose (the tray\'s "Diagnose now…")', () => {
  it('on load: opens the Cameras page, whose address replaces the request', async () => {
    window.history.replaceState(null, '', '/index.html?v=1#/diagnose');
    const mem = new MemoryApi();
    // Root, as the window renders it: StrictMode runs the effect twice, the request still lands once.
    render(<Root api={mem.api} i18n={createI18n('en')} />);
    expect(await screen.findAllByTestId('camera-row')).toHaveLength(2);
    expect(current('cameras')).toBe('page');
    expect(window.location.hash).toBe('#/cameras');
    expect(window.location.pathname + window.location.search).toBe('/index.html?v=1');
  });

  it('a later hash change while the window is open does it again; page addresses are followed as pages', async () => {
    const mem = new MemoryApi();
    renderWithApi(<App initialRoute={{ page: 'overview' }} />, mem.api, 'en');
    expect(await screen.findByTestId('broker-state')).toBeTruthy();
    act(() => {
      window.location.hash = '#/results';
    });
    await waitFor(() => expect(current('results')).toBe('page'));
    act(() => {
      window.location.hash = '#/diagnose';
    });
    expect(await screen.findAllByTestId('camera-row')).toHaveLength(2);
    expect(window.location.hash).toBe('#/cameras');
    // Back on the Overview, the tray asks again.
    fireEvent.click(screen.getByTestId('nav-overview'));
    await screen.findByTestId('broker-state');
    act(() => {
      window.location.hash = '#/diagnose';
    });
    await waitFor(() => expect(current('cameras')).toBe('page'));
  });

  it('with no camera yet: the Overview with the sample diagnosis, even past the first run', async () => {
    window.history.replaceState(null, '', '/#/diagnose');
    const mem = new MemoryApi({ cameras: [] });
    renderWithApi(<App />, mem.api, 'en');
    const panel = await screen.findByTestId('first-run');
    expect(panel).toBeTruthy();
    expect(current('overview')).toBe('page');
    expect(window.location.hash).toBe('#/overview/sample');
    fireEvent.click(await screen.findByTestId('sample-diagnose'));
    await waitFor(() => expect(screen.getByTestId('diagnose-result').getAttribute('data-phase')).toBe('done'));
    expect(mem.inputsOf('diagnoseNow')).toEqual([{ sample: 'covered-lens.mp4' }]);
    // The ordinary Overview (not asked from the tray) keeps the first-run panel for the first run.
    fireEvent.click(screen.getByTestId('nav-queue'));
    fireEvent.click(screen.getByTestId('nav-overview'));
    await screen.findByTestId('broker-state');
    expect(screen.queryByTestId('first-run')).toBeNull();
  });
});
