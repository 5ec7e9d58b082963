// The dashboard end to end: real Chromium on the headless worker's page, the real worker process
// (from the sources), a real RabbitMQ vhost with the platform's topology, real ffmpeg against an
// HTTP camera that answers slowly so a task stays visible in the Queue page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSlowCamera, type SlowCamera } from '../support/slow-camera.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';
import { eventStreamOpen, launchBrowser, screenshotPath, type E2eBrowser } from './browser.ts';
import { tearDown } from './teardown.ts';

const CAMERA_DELAY_MS = 4000;
const LANGS = ['zh-CN', 'en'] as const;

let vhost: TestVhost;
let peer: PlatformPeer;
let camera: SlowCamera;
let dataDir: string;
let worker: WorkerProcess;
let browser: E2eBrowser;
let page: Page;
let nextTaskId = 5000;

function origin(): string {
  return new URL(worker.dashboardUrl()).origin;
}

function token(): string {
  return /#token=([^&]+)/.exec(worker.dashboardUrl())?.[1] ?? '';
}

async function api<T>(method: string, body: unknown = {}, auth: string | null = token()): Promise<{ status: number; value: T }> {
  const res = await fetch(`${origin()}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth === null ? {} : { authorization: `Bearer ${auth}` }) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; value: T };
  return { status: res.status, value: json.value };
}

const consumers = async () => (await peer.queue('diagnosis.tasks')).consumers;

/** Publishes a task for `cams` cameras of the slow camera; resolves with its task id. */
async function publish(cams = 1, types = ['brightness', 'clarity']): Promise<number> {
  const id = nextTaskId++;
  const list = Array.from({ length: cams }, (_, i) => ({ id: i + 1, stream_url: camera.url(`cam-${id}-${i}`), name: i === 0 ? '大厅 Lobby' : `Gate ${i}` }));
  await peer.publishTask(platformTask(id, list, types));
  return id;
}

async function resultFor(taskId: number, timeoutMs = 30_000): Promise<void> {
  await expect.poll(() => peer.results.some((r) => r.body.task_id === taskId), { timeout: timeoutMs, interval: 100 }).toBe(true);
}

/** Until the worker is consuming and idle (after a settings change it restarts in the process). */
async function settled(): Promise<void> {
  await expect.poll(consumers, { timeout: 20_000, interval: 100 }).toBe(1);
  await expect.poll(async () => (await api<{ broker: string; runningTasks: number }>('status')).value, { timeout: 20_000, interval: 100 }).toMatchObject({ broker: 'connected', runningTasks: 0 });
}

async function openDashboard(): Promise<Page> {
  const p = await browser.newPage();
  await p.goto(worker.dashboardUrl());
  await p.getByTestId('nav-overview').waitFor();
  return p;
}

async function go(p: Page, name: 'board' | 'alerts' | 'overview' | 'queue' | 'results' | 'cameras' | 'settings' | 'logs'): Promise<void> {
  await p.getByTestId(`nav-${name}`).click();
  await expect.poll(() => p.getByTestId(`nav-${name}`).getAttribute('aria-current')).toBe('page');
  // A page switch reopens the event stream; a push sent before it is connected is lost, so the
  // Queue page is given its stream before a task is published.
  if (name === 'queue') await eventStreamOpen(p);
}

beforeAll(async () => {
  vhost = await createVhost();
  peer = await PlatformPeer.connect(vhost.url);
  camera = await startSlowCamera(CAMERA_DELAY_MS);
  dataDir = tempDataDir();
  [worker, browser] = await Promise.all([startWorker({ brokers: [vhost.url], dataDir, args: ['--concurrency', '2'] }), launchBrowser()]);
  page = await openDashboard();
}, 60_000);

afterAll(() => tearDown({ browser, worker, peer, camera, vhost, dataDir }), 60_000);

describe('dashboard e2e (Chromium, worker process, RabbitMQ, ffmpeg)', () => {
  it('shows a platform task running in Queue, then its results, and the detail shows the JPEG snapshot', async () => {
    await go(page, 'overview');
    await expect.poll(() => page.getByTestId('broker-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    await go(page, 'queue');
    const taskId = await publish(2);
    const running = page.getByTestId('queue-running-row');
    await running.first().waitFor({ timeout: 10_000 });
    expect(await running.count()).toBe(1);
    expect(await running.first().getAttribute('data-run-id')).toMatch(new RegExp(`${taskId}`));
    expect(await running.first().textContent()).toContain(String(taskId));

    // Done: it leaves the running table for the recent one, and the platform gets the result.
    await resultFor(taskId);
    await expect.poll(() => running.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('queue-recent-row').filter({ hasText: String(taskId) }).count()).toBe(1);

    await go(page, 'results');
    const rows = page.getByTestId('result-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    await rows.filter({ hasText: '大厅 Lobby' }).first().click();
    await page.getByTestId('result-detail').waitFor();
    const img = page.getByTestId('result-snapshot');
    await img.waitFor();
    const src = (await img.getAttribute('src')) ?? '';
    const m = /^data:image\/jpeg;base64,(.+)$/.exec(src);
    expect(m, src.slice(0, 60)).not.toBeNull();
    const jpeg = Buffer.from(m![1]!, 'base64');
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByTestId('result-thresholds').locator('tbody tr').count()).toBeGreaterThan(0);
  }, 60_000);

  it('switching the worker off in the UI stops consumption on the broker; on resumes it', async () => {
    await go(page, 'overview');
    const toggle = page.getByTestId('worker-toggle');
    // The input sits under its drawn track: a person clicks the switch (its label).
    const sw = toggle.locator('xpath=ancestor::label[1]');
    expect(await toggle.isChecked()).toBe(true);
    expect(await consumers()).toBe(1);

    await sw.click();
    await expect.poll(consumers, { timeout: 10_000, interval: 100 }).toBe(0);
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(() => toggle.isEnabled()).toBe(true);

    // A task published while off waits on the broker.
    camera.delayMs = 200;
    try {
      const waiting = await publish(1, ['brightness']);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await peer.queue('diagnosis.tasks')).toEqual({ messages: 1, consumers: 0 });

      await sw.click();
      await expect.poll(consumers, { timeout: 10_000, interval: 100 }).toBe(1);
      await expect.poll(() => toggle.isChecked()).toBe(true);
      await resultFor(waiting);
      expect((await peer.queue('diagnosis.tasks')).messages).toBe(0);
    } finally {
      camera.delayMs = CAMERA_DELAY_MS;
    }
    await settled();
  }, 45_000);

  it('without the token the API answers 401 and the page shows that it cannot load', async () => {
    for (const path of ['/api/status', '/api/getSettings', '/api/events']) {
      const res = await fetch(`${origin()}${path}`);
      expect(res.status, path).toBe(401);
      await res.body?.cancel();
    }
    expect((await api('status', {}, null)).status).toBe(401);
    expect((await api('status', {}, 'not-the-token')).status).toBe(401);
    expect((await api('status', {})).status).toBe(200);

    // A new tab has no token in its session: the page loads but every call is refused.
    const bare = await browser.newPage();
    try {
      await bare.goto(`${origin()}/`);
      const alert = bare.getByRole('alert').first();
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/token/i);
      await bare.getByRole('button', { name: /retry|重试/i }).waitFor();
      expect(await bare.getByTestId('worker-toggle').count()).toBe(0);
      await bare.screenshot({ path: screenshotPath('en', 'unauthorized') });
    } finally {
      await bare.close();
    }
  }, 30_000);

  it('switching the UI language neither restarts nor renames the worker', async () => {
    const starts = () => worker.output().match(/ starting: concurrency/g)?.length ?? 0;
    const startsBefore = starts();
    type S = { workerId: string; connectedSince: string | null; broker: string; enabled: boolean };
    const before = (await api<S>('status')).value;
    expect(before.workerId).toMatch(/^edge-/);
    await go(page, 'overview');
    for (const lang of ['en', 'zh-CN', 'en'] as const) {
      await page.getByTestId('lang-switch').selectOption(lang);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    }
    // Saved in the background, one after the other: the last choice is the one kept.
    await expect.poll(async () => (await api<{ language: string }>('getSettings')).value.language).toBe('en');
    await new Promise((r) => setTimeout(r, 1000));
    expect(starts()).toBe(startsBefore);
    expect((await api<S>('status')).value).toMatchObject({ workerId: before.workerId, connectedSince: before.connectedSince, broker: 'connected', enabled: true });
    expect(await consumers()).toBe(1);
  }, 30_000);

  it('every page renders in zh-CN and en (screenshots)', async () => {
    await api('saveCamera', { id: 1, name: '大厅 Lobby', streamUrl: camera.url('lobby'), location: '一楼 Ground floor' });
    await api('saveCamera', { id: 2, name: 'Gate 1', streamUrl: 'rtsp://127.0.0.1:1/none', code: 'G-1' });
    const p = page;
    for (const lang of LANGS) {
      await go(p, 'overview');
      await p.getByTestId('lang-switch').selectOption(lang);
      await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe(lang);
      // The language is saved in the settings, which restarts the worker in the process.
      await settled();
      await p.getByTestId('worker-toggle').waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'overview'), fullPage: true });

      await go(p, 'queue');
      const taskId = await publish(2);
      await p.getByTestId('queue-running-row').first().waitFor({ timeout: 10_000 });
      await p.getByTestId('broker-queue-row').first().waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'queue'), fullPage: true });
      await resultFor(taskId);

      await go(p, 'results');
      await p.getByTestId('result-row').first().waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'results'), fullPage: true });
      await p.getByTestId('result-row').first().click();
      await p.getByTestId('result-snapshot').waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'result-detail'), fullPage: true });

      await p.getByTestId('result-row').filter({ hasText: '大厅 Lobby' }).first().getByTestId('camera-link').click();
      await p.getByTestId('trend-chart').waitFor();
      await p.getByTestId('camera-snapshot').waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'camera'), fullPage: true });

      await go(p, 'cameras');
      await expect.poll(() => p.getByTestId('camera-row').count()).toBe(2);
      await p.screenshot({ path: screenshotPath(lang, 'cameras'), fullPage: true });

      await go(p, 'settings');
      await p.getByTestId('settings-save').waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'settings'), fullPage: true });

      await go(p, 'logs');
      await p.getByTestId('log-row').first().waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'logs'), fullPage: true });

      await go(p, 'board');
      await expect.poll(() => p.getByTestId('board-row').count()).toBeGreaterThanOrEqual(2);
      // A state pill keeps to one line, in Chinese too.
      for (const pill of await p.getByTestId('health-state').all()) expect((await pill.boundingBox())?.height ?? 0).toBeLessThan(30);
      await p.screenshot({ path: screenshotPath(lang, 'board'), fullPage: true });

      await go(p, 'alerts');
      await p.getByTestId('alerts-tab-open').waitFor();
      await p.screenshot({ path: screenshotPath(lang, 'alerts'), fullPage: true });
    }
    await settled();
  }, 90_000);

  it('a settings change round-trips (page reload, API) and survives a restart of the worker process', async () => {
    await go(page, 'settings');
    await page.getByTestId('settings-workerId').fill('edge-e2e-07');
    await page.getByTestId('settings-probeLimit').fill('5');
    await page.getByTestId('settings-retentionDays').fill('45');
    // Given as a flag (--concurrency 2): shown read-only with the flag's value, and not sent.
    expect(await page.getByTestId('settings-concurrency').isDisabled()).toBe(true);
    expect(await page.getByTestId('settings-overridden-concurrency').textContent()).toBe('Set on the command line; a change here has no effect.');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect(await page.getByTestId('settings-server-error').count()).toBe(0);

    const expected = { workerId: 'edge-e2e-07', probeLimit: 5, retentionDays: 45, concurrency: 2, overriddenBy: { concurrency: 'command-line' } };
    expect((await api('getSettings')).value).toMatchObject(expected);
    // The worker restarts in the process with the new id; the flag's concurrency stays.
    await expect.poll(async () => (await api<{ workerId: string }>('status')).value.workerId, { timeout: 20_000, interval: 100 }).toBe('edge-e2e-07');
    expect((await api<{ maxTasks: number }>('status')).value.maxTasks).toBe(2);

    const shown = async (p: Page) => {
      await go(p, 'settings');
      const v = (f: string) => p.getByTestId(`settings-${f}`).inputValue();
      return { workerId: await v('workerId'), probeLimit: await v('probeLimit'), retentionDays: await v('retentionDays'), concurrency: await v('concurrency') };
    };
    const asText = { workerId: 'edge-e2e-07', probeLimit: '5', retentionDays: '45', concurrency: '2' };
    await page.reload();
    await page.getByTestId('nav-overview').waitFor();
    expect(await shown(page)).toEqual(asText);

    // The worker process again, on the same data folder with the same flags.
    await settled();
    expect(await worker.stop()).toBe(0);
    worker = await startWorker({ brokers: [vhost.url], dataDir, args: ['--concurrency', '2'] });
    expect((await api('getSettings')).value).toMatchObject(expected);
    expect((await api<{ workerId: string; maxTasks: number }>('status')).value).toMatchObject({ workerId: 'edge-e2e-07', maxTasks: 2 });
    await page.close();
    page = await openDashboard();
    expect(await shown(page)).toEqual(asText);
    await settled();
  }, 60_000);
});
