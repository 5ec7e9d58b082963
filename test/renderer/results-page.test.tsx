// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ResultsPage } from '../../renderer/src/pages/ResultsPage.tsx';
import { MemoryApi, NEWEST_AT, RESULT_COUNT, resultAt, SNAPSHOT_URL } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

const VIEWPORT = 720;
const ROW = 36;

// happy-dom lays nothing out: give the scrolling body of the table a real height so the
// virtualizer computes its window as in a 1200x800 window.
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'results-scroll' ? VIEWPORT : 0;
    },
  });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
});
afterEach(cleanup);

function scrollTo(element: HTMLElement, top: number): void {
  Object.defineProperty(element, 'scrollTop', { configurable: true, value: top });
  fireEvent.scroll(element);
}

describe('Results page', () => {
  it('pages through 100k rows by keyset while scrolling, rendering only a window of rows', async () => {
    const mem = new MemoryApi();
    renderWithApi(<ResultsPage onOpenCamera={vi.fn()} />, mem.api, 'zh-CN');
    await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(0));
    expect(mem.inputsOf('results')).toEqual([{ limit: 500 }]);
    const firstWindow = screen.getAllByTestId('result-row');
    expect(firstWindow.length).toBeLessThan(60);
    expect(firstWindow[0]!.getAttribute('data-result-id')).toBe(String(RESULT_COUNT));
    expect(screen.getByTestId('results-count').textContent).toBe('已加载 500 条');

    const scroller = screen.getByTestId('results-scroll');
    // Near the end of the first page: the next one is asked for with the last row as the key.
    await act(async () => scrollTo(scroller, 450 * ROW));
    await waitFor(() => expect(mem.inputsOf('results')).toHaveLength(2));
    const lastOfPage1 = RESULT_COUNT - 499;
    expect(mem.inputsOf('results')[1]).toEqual({ limit: 500, before: { createdAt: NEWEST_AT - 499 * 30_000, id: lastOfPage1 } });
    await waitFor(() => expect(screen.getByTestId('results-count').textContent).toBe('已加载 1000 条'));

    // Keep going: every page continues where the previous one ended.
    for (let page = 2; page < 8; page++) {
      await act(async () => scrollTo(scroller, (page * 500 - 50) * ROW));
      await waitFor(() => expect(mem.inputsOf('results')).toHaveLength(page + 1));
      expect(mem.inputsOf('results')[page]?.before?.id).toBe(RESULT_COUNT - (page * 500 - 1));
      await waitFor(() => expect(screen.getByTestId('results-count').textContent).toBe(`已加载 ${(page + 1) * 500} 条`));
    }
    const rows = screen.getAllByTestId('result-row');
    expect(rows.length).toBeLessThan(60);
    const ids = rows.map((r) => Number(r.getAttribute('data-result-id')));
    // The window moved down with the scroll: it shows the rows around index 3450, not the top.
    expect(Math.max(...ids)).toBeLessThan(RESULT_COUNT - 3400);
    expect(Math.min(...ids)).toBeGreaterThan(RESULT_COUNT - 3500);
  });

  it('passes the filters as the results input: a camera by name or code, any abnormal, dates as typed', async () => {
    const mem = new MemoryApi();
    renderWithApi(<ResultsPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(0));
    await waitFor(() => expect(mem.inputsOf('cameras')).toHaveLength(1));
    // 'gate 1' is the inventory's Gate 1 (id 1): filtered by its id, whatever the case typed.
    fireEvent.change(screen.getByTestId('filter-camera'), { target: { value: 'gate 1' } });
    fireEvent.change(screen.getByTestId('filter-type'), { target: { value: 'occlusion' } });
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'critical' } });
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-11-01 08:00' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-11-20' } });
    await waitFor(() =>
      expect(mem.inputsOf('results').at(-1)).toEqual({
        cameraId: 1,
        type: 'occlusion',
        status: 'critical',
        from: new Date(2026, 10, 1, 8, 0).getTime(),
        to: new Date(2026, 10, 20).getTime(),
        limit: 500,
      }),
    );
    // By code too; a camera not in the inventory by the name its results carry.
    fireEvent.change(screen.getByTestId('filter-camera'), { target: { value: 'C-001' } });
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'abnormal' } });
    await waitFor(() => expect(mem.inputsOf('results').at(-1)).toMatchObject({ cameraId: 1, abnormal: true }));
    expect(mem.inputsOf('results').at(-1)?.status).toBeUndefined();
    fireEvent.change(screen.getByTestId('filter-camera'), { target: { value: 'Gate 7' } });
    await waitFor(() => expect(mem.inputsOf('results').at(-1)).toMatchObject({ cameraName: 'Gate 7' }));
    expect(mem.inputsOf('results').at(-1)?.cameraId).toBeUndefined();
    // A date that cannot be read is marked and not sent.
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-02-31' } });
    expect(screen.getByTestId('filter-from').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(mem.inputsOf('results').at(-1)?.from).toBeUndefined());
    expect(screen.getByText('Occlusion', { selector: 'option' })).toBeTruthy();
    expect(screen.getByText('Any abnormal', { selector: 'option' })).toBeTruthy();
  });

  it('shows the finding and the task of each row in the UI language', async () => {
    for (const [language, finding, manual] of [
      ['en', 'Picture blurred', 'Diagnose now'],
      ['zh-CN', '画面模糊', '立即诊断'],
    ] as const) {
      const mem = new MemoryApi();
      const view = renderWithApi(<ResultsPage onOpenCamera={vi.fn()} />, mem.api, language);
      await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(0));
      const rows = screen.getAllByTestId('result-row');
      // Row 0 is critical, row 1 normal.
      expect(within(rows[0]!).getByTestId('result-finding').textContent).toBe(finding);
      expect(within(rows[0]!).getByTestId('result-task').textContent).toBe('1000');
      expect(within(rows[1]!).getByTestId('result-finding').textContent).toBe(language === 'en' ? 'Picture is fine' : '画面正常');
      const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
      expect(headers).toContain(language === 'en' ? 'Finding' : '诊断结论');
      expect(headers).toContain(language === 'en' ? 'Task' : '任务');
      // Row 1 answered no task: a "Diagnose now" of the operator.
      expect(within(rows[1]!).getByTestId('result-task').textContent).toBe(manual);
      view.unmount();
    }
  });

  it('opens a row in the detail panel: titled by check and camera, the finding in words, raw measures folded', async () => {
    const mem = new MemoryApi();
    renderWithApi(<ResultsPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(0));
    // Row index 0: brightness, critical (0 % 23), with a snapshot (0 % 3).
    fireEvent.click(screen.getAllByTestId('result-row')[0]!);
    const detail = await screen.findByTestId('result-detail');
    expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('Brightness · Gate 1');
    expect(detail.textContent).not.toContain('Result ');
    expect(screen.getByTestId('result-finding-text').textContent).toBe('Picture blurred');
    expect(screen.getByTestId('result-measure').textContent).toBe('Measured: Mean brightness: 0.42; normal 30 to 220');
    expect(within(screen.getByTestId('result-suggestions')).getByText('Clean the lens and refocus')).toBeTruthy();
    // No red error box for a finding.
    expect(detail.querySelector('.note-error')).toBeNull();
    const raw = screen.getByTestId('result-raw') as HTMLDetailsElement;
    expect(raw.open).toBe(false);
    const thresholds = within(screen.getByTestId('result-thresholds'));
    expect(thresholds.getByText('brightness_min')).toBeTruthy();
    expect(thresholds.getByText('220')).toBeTruthy();
    const img = (await screen.findByTestId('result-snapshot')) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(SNAPSHOT_URL);
    expect(mem.inputsOf('snapshot')).toEqual([{ resultId: RESULT_COUNT }]);
  });

  it('shows a row stored before findings in both languages with the text it was stored with', async () => {
    const mem = new MemoryApi();
    renderWithApi(<ResultsPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(2));
    // Row 2 has no finding (stored by an older version): its stored zh-CN text still shows.
    expect(resultAt(2).finding).toBeNull();
    const old = screen.getAllByTestId('result-row')[2]!;
    expect(within(old).getByTestId('result-finding').textContent).toBe('画面清晰');
    fireEvent.click(old);
    expect((await screen.findByTestId('result-finding-text')).textContent).toBe('画面清晰');
  });

  it('shows names translated in Chinese, and links to the camera page', async () => {
    const mem = new MemoryApi();
    const onOpenCamera = vi.fn();
    renderWithApi(<ResultsPage onOpenCamera={onOpenCamera} />, mem.api, 'zh-CN');
    await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(0));
    const first = screen.getAllByTestId('result-row')[0]!;
    expect(first.textContent).toContain('亮度');
    expect(first.textContent).toContain('严重');
    fireEvent.click(within(first).getByTestId('camera-link'));
    expect(onOpenCamera).toHaveBeenCalledWith(1);
    expect(screen.queryByTestId('result-detail')).toBeNull();
  });

  it('offers new results after a result event and reloads from the top', async () => {
    const mem = new MemoryApi();
    renderWithApi(<ResultsPage onOpenCamera={vi.fn()} />, mem.api, 'en');
    await waitFor(() => expect(screen.getAllByTestId('result-row').length).toBeGreaterThan(0));
    act(() => mem.emit('result', { runId: 'run-new', taskId: 1300, status: 'done' }));
    fireEvent.click(screen.getByTestId('results-fresh'));
    await waitFor(() => expect(mem.inputsOf('results')).toEqual([{ limit: 500 }, { limit: 500 }]));
    expect(screen.queryByTestId('results-fresh')).toBeNull();
  });
});
