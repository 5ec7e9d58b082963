// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { Root } from '../../renderer/src/Root.tsx';
import { createI18n } from '../../renderer/src/i18n/create-i18n.ts';
import { resolveLanguage } from '../../renderer/src/i18n/language.ts';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';
import { useScrollHeight } from './scroll-height.ts';

useScrollHeight(['board-scroll']);

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('App', () => {
  it('opens on the camera health board and navigates between the pages from the left nav, each with its address', async () => {
    const mem = new MemoryApi();
    renderWithApi(<App />, mem.api, 'en');
    expect(await screen.findAllByTestId('board-row')).toHaveLength(4);
    expect(screen.getByTestId('nav-board').getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByTestId('nav-alerts'));
    expect(await screen.findAllByTestId('alert-row')).toHaveLength(1);
    expect(window.location.hash).toBe('#/alerts');
    fireEvent.click(screen.getByTestId('nav-overview'));
    expect(await screen.findByTestId('broker-state')).toBeTruthy();
    expect(window.location.hash).toBe('#/overview');
    fireEvent.click(screen.getByTestId('nav-queue'));
    expect(await screen.findAllByTestId('queue-running-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('nav-cameras'));
    expect(await screen.findAllByTestId('camera-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('nav-settings'));
    expect(await screen.findByTestId('settings-save')).toBeTruthy();
    fireEvent.click(screen.getByTestId('nav-logs'));
    expect(await screen.findAllByTestId('log-row')).toHaveLength(3);
    fireEvent.click(screen.getByTestId('nav-results'));
    expect(screen.getByTestId('nav-results').getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByTestId('nav-overview'));
    expect(await screen.findByTestId('broker-state')).toBeTruthy();
  });

  it('switches the language from the header and keeps the choice', async () => {
    const mem = new MemoryApi();
    render(<Root api={mem.api} i18n={createI18n('zh-CN')} />);
    expect(screen.getByTestId('nav-overview').textContent).toBe('概览');
    fireEvent.change(screen.getByTestId('lang-switch'), { target: { value: 'en' } });
    await waitFor(() => expect(screen.getByTestId('nav-overview').textContent).toBe('Overview'));
    expect(screen.getByTestId('nav-settings').textContent).toBe('Settings');
    expect(mem.inputsOf('updateSettings')).toEqual([{ language: 'en' }]);
    expect(document.documentElement.lang).toBe('en');
  });

  it('saves quick switches one at a time, so the last choice is the one kept', async () => {
    const mem = new MemoryApi();
    const sent: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const api: typeof mem.api = {
      ...mem.api,
      updateSettings: async (input) => {
        sent.push(String(input.language));
        if (sent.length === 1) await firstHeld;
        return mem.api.updateSettings(input);
      },
    };
    render(<Root api={api} i18n={createI18n('zh-CN')} />);
    for (const value of ['en', 'zh-CN', 'en']) fireEvent.change(screen.getByTestId('lang-switch'), { target: { value } });
    await waitFor(() => expect(sent).toEqual(['en']));
    await new Promise((r) => setTimeout(r, 20));
    // The later choices wait for the first save instead of racing it.
    expect(sent).toEqual(['en']);
    releaseFirst();
    await waitFor(() => expect(sent).toEqual(['en', 'zh-CN', 'en']));
    await waitFor(async () => {
      const saved = await mem.api.getSettings({});
      expect(saved.ok && saved.value.language).toBe('en');
    });
  });

  it('resolves the language setting, Chinese first for Chinese systems', () => {
    expect(resolveLanguage('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage('auto', 'en-GB')).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-CN', 'de')).toBe('zh-CN');
  });
});
