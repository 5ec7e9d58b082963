// Issue 11 (items 3-5) end to end: real Chromium on the headless worker process, a real RabbitMQ
// vhost and ffmpeg. A platform task brings two cameras (one down): they join the inventory, a
// "Diagnose now" joins the history, and then every page the nav bar links to (whatever pages it
// has) is visited in zh-CN and in en, screenshotted, and checked automatically: no text of the
// other language shows (names, codes and raw source words apart) and no table cell wraps a status pill.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSlowCamera, type SlowCamera } from '../support/slow-camera.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';
import { launchBrowser, screenshotPath, type E2eBrowser } from './browser.ts';
import { tearDown } from './teardown.ts';

const TASK_ID = 7100;
const PASSWORD = 'S3cret-e2e-Pa55';
/** Names and codes the operator gave: they show as given in either language. */
const NAMES = ['大厅 Lobby', 'Dock 2', 'ops'];
/** Words that are the same in both UIs: product and protocol names, units. */
/** Why Dock 2 is down, as the findings say it: the board, its alert and its page show it in the UI language. */
const REFUSED = { 'zh-CN': '视频信号丢失：连接被拒绝', en: 'Signal lost: Connection refused' } as const;
const SHARED_WORDS = ['EasySight', 'RabbitMQ', 'ffmpeg', 'CSV', 'JSON', 'URL', 'URLs', 'ID', 'CPU', 'MB', 'ms', 'amqp', 'amqps', 'http', 'https', 'rtsp', 'vhost', 'English'];

let vhost: TestVhost;
let peer: PlatformPeer;
let camera: SlowCamera;
let dataDir: string;
let worker: WorkerProcess;
let browser: E2eBrowser;
let page: Page;

function origin(): string {
  return new URL(worker.dashboardUrl()).origin;
}

async function api<T>(method: string, body: unknown = {}): Promise<T> {
  const token = /#token=([^&]+)/.exec(worker.dashboardUrl())?.[1] ?? '';
  const res = await fetch(`${origin()}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!json.ok) throw new Error(`${method}: ${JSON.stringify(json.error)}`);
  return json.value;
}

interface PageProblems {
  /** Visible text of the other language, with where it was. */
  otherLanguage: string[];
  /** Status pills laid out on more than one line. */
  wrappedPills: string[];
}

/**
 * Runs in the page. Text counts when it is rendered (closed <details>, hidden parts and <select>
 * option lists do not); raw data shown as it came (class mono: URLs, log lines, ffmpeg's words,
 * run ids) is not UI text and is skipped, and so are the operator's names.
 */
function inspectPage(args: { lang: string; names: string[]; shared: string[] }): PageProblems {
  const otherLanguage: string[] = [];
  const root = document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const sharedWords = new Set(args.shared.map((w) => w.toLowerCase()));
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('.mono, select, script, style, svg title')) continue;
    if (el.getClientRects().length === 0 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
    let text = node.textContent ?? '';
    for (const name of args.names) text = text.split(name).join(' ');
    const found =
      args.lang === 'en'
        ? (text.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g) ?? [])
        : (text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => !sharedWords.has(w.toLowerCase()));
    if (found.length > 0) otherLanguage.push(`${found.join(' ')} in <${el.tagName.toLowerCase()} class="${el.className}">: ${(node.textContent ?? '').trim().slice(0, 80)}`);
  }
  const wrappedPills: string[] = [];
  for (const pill of document.querySelectorAll<HTMLElement>('td .badge, [role="cell"] .badge')) {
    if (pill.getClientRects().length === 0) continue;
    const fontSize = parseFloat(getComputedStyle(pill).fontSize);
    const lines = pill.getClientRects().length;
    const height = pill.getBoundingClientRect().height;
    const style = getComputedStyle(pill);
    if (lines > 1 || height > fontSize * 2.2) wrappedPills.push(`${pill.textContent ?? ''}: ${lines} boxes, ${height.toFixed(1)} px high, ${pill.getBoundingClientRect().width.toFixed(1)} px wide (${style.whiteSpace}, ${style.display}, ${style.lineHeight})`);
  }
  return { otherLanguage, wrappedPills };
}

/** The operator's names, and the worker's and broker's own (its id, host, vhost and user). */
let names: string[] = NAMES;

async function problems(p: Page, lang: string): Promise<PageProblems> {
  return p.evaluate(inspectPage, { lang, names, shared: SHARED_WORDS });
}

/** Until the page has loaded what it shows (no "Loading…" left in the content). */
async function loaded(p: Page): Promise<void> {
  await expect.poll(() => p.locator('main').innerText(), { timeout: 15_000 }).not.toMatch(/Loading…|加载中…/);
}

beforeAll(async () => {
  vhost = await createVhost();
  peer = await PlatformPeer.connect(vhost.url);
  camera = await startSlowCamera(50);
  dataDir = tempDataDir();
  [worker, browser] = await Promise.all([startWorker({ brokers: [vhost.url], dataDir }), launchBrowser()]);
  type Status = { workerId: string; brokerEndpoint: { host: string; vhost: string; user: string } | null };
  const status = await api<Status>('status');
  names = [...NAMES, status.workerId, ...Object.values(status.brokerEndpoint ?? {})];
  page = await browser.newPage();
  // Screenshots of the whole page: the window's layout scrolls inside the content pane.
  await page.addInitScript(() => {
    addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '.app { height: auto; min-height: 100vh; } .content { overflow: visible; }';
      document.head.append(style);
    });
  });
  await page.goto(worker.dashboardUrl());
  await page.locator('nav').first().waitFor();
}, 60_000);

afterAll(() => tearDown({ browser, worker, peer, camera, vhost, dataDir }), 60_000);

describe('operator console e2e (Chromium, worker process, RabbitMQ, ffmpeg)', () => {
  it('keeps the cameras a task brings, sealed, and a "Diagnose now" in the camera history', async () => {
    const cameras = [
      { id: 1, stream_url: camera.url('lobby'), name: '大厅 Lobby', username: 'ops', password: PASSWORD },
      // Nothing listens on port 1: the camera is down.
      { id: 2, stream_url: 'http://127.0.0.1:1/dock.jpg', name: 'Dock 2' },
    ];
    await peer.publishTask(platformTask(TASK_ID, cameras, ['brightness', 'clarity', 'occlusion']));
    await expect.poll(() => peer.results.some((r) => r.body.task_id === TASK_ID), { timeout: 30_000, interval: 100 }).toBe(true);

    type Camera = { id: number; name: string; origin: string | null; hasPassword: boolean; username: string | null };
    const inventory = await api<Camera[]>('cameras');
    expect(inventory.map(({ id, name, origin, hasPassword }) => ({ id, name, origin, hasPassword }))).toEqual([
      { id: 2, name: 'Dock 2', origin: 'task', hasPassword: false },
      { id: 1, name: '大厅 Lobby', origin: 'task', hasPassword: true },
    ]);
    expect(JSON.stringify(inventory)).not.toContain(PASSWORD);

    const now = await api<{ ok: boolean }>('diagnoseNow', { cameraId: 1, types: ['brightness'] });
    expect(now.ok).toBe(true);
    type Row = { task_id: number | null; diagnosis_type: string; finding: { message: { en: string; 'zh-CN': string } } | null };
    const rows = (await api<{ rows: Row[] }>('results', { cameraId: 1 })).rows;
    expect(rows[0]).toMatchObject({ task_id: null, diagnosis_type: 'brightness' });
    expect(rows.filter((r) => r.task_id === TASK_ID)).toHaveLength(3);
    const down = (await api<{ rows: Row[] }>('results', { cameraId: 2 })).rows;
    expect(down[0]!.finding!.message).toEqual(REFUSED);
    // A second run of Dock 2 confirms it down: its alert carries the finding in both languages.
    await api('diagnoseNow', { cameraId: 2, types: ['brightness'] });
    type Alert = { cameraId: number; state: string; message: typeof REFUSED | null };
    const alerts = await api<Alert[]>('alerts', { cameraId: 2 });
    expect(alerts).toMatchObject([{ cameraId: 2, state: 'open', message: REFUSED }]);

    // The Logs page has the task's start and end with the camera that is down.
    const logs = await api<Array<{ message: string }>>('logs', {});
    expect(logs.some((l) => l.message.startsWith(`task ${TASK_ID} started: 2 cameras`))).toBe(true);
    expect(logs.some((l) => l.message.startsWith(`task ${TASK_ID}: camera Dock 2 (2) could not be diagnosed: refused`))).toBe(true);
    expect(logs.some((l) => new RegExp(`^task ${TASK_ID} done in [\\d.]+ s: 2 cameras, 1 abnormal: Dock 2 \\(2\\): signal_loss`).test(l.message))).toBe(true);
  }, 60_000);

  it('the checker finds a status pill that wraps', async () => {
    await page.getByTestId('nav-logs').click();
    await page.getByTestId('log-row').first().waitFor();
    // What Chinese text does in a narrow cell: one character a line.
    const squeeze = await page.addStyleTag({ content: '.badge { white-space: normal !important; word-break: break-all; width: 1.2em; }' });
    expect((await problems(page, 'en')).wrappedPills.length).toBeGreaterThan(0);
    await squeeze.evaluate((e) => (e as Element).remove());
    expect((await problems(page, 'en')).wrappedPills).toEqual([]);
  }, 30_000);

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`every page of the nav bar reads in ${lang} only, with no wrapped status pill`, async () => {
      await page.getByTestId('lang-switch').selectOption(lang);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const links = page.locator('nav[aria-label="main"] :is(a, button)');
      const count = await links.count();
      expect(count).toBeGreaterThanOrEqual(6);
      const found: Record<string, PageProblems> = {};
      for (let i = 0; i < count; i++) {
        const link = links.nth(i);
        const name = ((await link.getAttribute('data-testid')) ?? (await link.getAttribute('href')) ?? String(i)).replace(/^nav-|^#\/?/, '') || String(i);
        await link.click();
        await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
        await loaded(page);
        await page.screenshot({ path: screenshotPath(lang, `console-${name}`), fullPage: true });
        found[name] = await problems(page, lang);
        if (name === 'results') {
          // The detail of the camera that is down, and the camera's own page.
          await page.getByTestId('result-row').filter({ hasText: 'Dock 2' }).first().click();
          await page.getByTestId('result-source-said').waitFor();
          await page.screenshot({ path: screenshotPath(lang, 'console-result-detail'), fullPage: true });
          found['result-detail'] = await problems(page, lang);
          await page.getByTestId('result-row').filter({ hasText: '大厅 Lobby' }).first().getByTestId('camera-link').click();
          await page.getByTestId('trend-chart').waitFor();
          await page.getByTestId('latest-verdicts').waitFor();
          await loaded(page);
          expect(await page.getByTestId('camera-title').textContent()).toBe('大厅 Lobby');
          expect(await page.getByTestId('trend-point').count()).toBeGreaterThanOrEqual(4);
          await page.screenshot({ path: screenshotPath(lang, 'console-camera'), fullPage: true });
          found.camera = await problems(page, lang);
        }
        if (name === 'board') {
          const dock = page.getByTestId('board-row').filter({ hasText: 'Dock 2' });
          expect(await dock.getByTestId('board-problem').textContent()).toContain(REFUSED[lang]);
        }
        if (name === 'alerts') {
          // Dock 2's alert, and its camera page with the camera's alerts.
          const row = page.getByTestId('alert-row').filter({ hasText: 'Dock 2' });
          expect(await row.getByTestId('alert-cause').textContent()).toContain(REFUSED[lang]);
          await row.getByTestId('alert-camera').click();
          await page.getByTestId('camera-alert').first().waitFor();
          await loaded(page);
          expect(await page.getByTestId('camera-title').textContent()).toBe('Dock 2');
          expect(await page.getByTestId('camera-alert-cause').first().textContent()).toContain(REFUSED[lang]);
          await page.screenshot({ path: screenshotPath(lang, 'console-camera-alerts'), fullPage: true });
          found['camera-alerts'] = await problems(page, lang);
        }
        if (name === 'cameras') expect(await page.content()).not.toContain(PASSWORD);
      }
      for (const [name, p] of Object.entries(found)) {
        expect(p.otherLanguage, `${lang} ${name}`).toEqual([]);
        expect(p.wrappedPills, `${lang} ${name}`).toEqual([]);
      }
    }, 120_000);
  }
});
