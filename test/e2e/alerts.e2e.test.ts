// Camera health and alerts end to end: real Chromium on the headless worker's page, the real worker
// process, a real RabbitMQ vhost and real ffmpeg against an HTTP camera whose picture goes dark.
// The alert appears through the event stream (no reload), is acknowledged, and resolves once the
// camera is confirmed healthy again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformPeer, platformTask } from '../support/platform-peer.ts';
import { startSwitchableCamera, type SwitchableCamera } from '../support/switchable-camera.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';
import { eventStreamOpen, launchBrowser, screenshotPath, type E2eBrowser } from './browser.ts';
import { tearDown } from './teardown.ts';

let vhost: TestVhost;
let peer: PlatformPeer;
let camera: SwitchableCamera;
let dataDir: string;
let worker: WorkerProcess;
let browser: E2eBrowser;
let page: Page;
let nextTaskId = 7100;

/** One task over the camera (brightness only, enough to see it go dark); resolves once the platform has its result. */
async function runTask(): Promise<void> {
  const id = nextTaskId++;
  await peer.publishTask(platformTask(id, [{ id: 31, stream_url: camera.url, name: 'East gate 东门' }], ['brightness']));
  await expect.poll(() => peer.results.some((r) => r.body.task_id === id), { timeout: 30_000, interval: 100 }).toBe(true);
}

beforeAll(async () => {
  vhost = await createVhost();
  peer = await PlatformPeer.connect(vhost.url);
  camera = await startSwitchableCamera('good');
  dataDir = tempDataDir();
  [worker, browser] = await Promise.all([startWorker({ brokers: [vhost.url], dataDir }), launchBrowser()]);
  page = await browser.newPage();
  await page.goto(worker.dashboardUrl());
  await page.getByTestId('nav-board').waitFor();
  await page.getByTestId('lang-switch').selectOption('en');
  await page.waitForFunction(() => document.querySelector('[data-testid="nav-board"]')?.textContent === 'Camera health');
}, 60_000);

afterAll(() => tearDown({ browser, worker, peer, camera, vhost, dataDir }), 60_000);

describe('alerts e2e (Chromium, worker process, RabbitMQ, ffmpeg)', () => {
  it('a camera going dark raises an alert live with its cause; acknowledged; recovery resolves it', async () => {
    // Healthy first: the board lists the camera as normal, pushed by the event stream.
    await eventStreamOpen(page);
    await runTask();
    const row = page.getByTestId('board-row').filter({ hasText: 'East gate 东门' });
    await expect.poll(() => row.getByTestId('health-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('normal');
    expect(page.url()).not.toContain('token=');

    // The Alerts page stays open (no reload: a marker on the window survives) while the camera goes dark.
    await page.getByTestId('nav-alerts').click();
    await expect.poll(() => page.url()).toMatch(/#\/alerts$/);
    await eventStreamOpen(page);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByTestId('alerts-empty').waitFor();
    camera.show('dark');
    await runTask();
    // One dark run is not yet a fault (two in a row confirm it).
    await expect.poll(() => page.getByTestId('nav-attention').count()).toBe(0);
    expect(await page.getByTestId('alert-row').count()).toBe(0);
    await runTask();
    const alert = page.getByTestId('alert-row');
    await alert.first().waitFor({ timeout: 10_000 });
    expect(await alert.count()).toBe(1);
    expect(await alert.getAttribute('data-state')).toBe('open');
    expect(await alert.textContent()).toContain('East gate 东门');
    const cause = (await alert.getByTestId('alert-cause').textContent()) ?? '';
    expect(cause).toMatch(/^Brightness/);
    expect(cause).toMatch(/dark|暗/i);
    expect(await page.getByTestId('nav-attention').textContent()).toBe('1');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await alert.getByTestId('alert-snapshot-toggle').click();
    await expect.poll(() => page.getByTestId('alert-snapshot').evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('en', 'alerts-open'), fullPage: true });

    // Acknowledged by name, with a note.
    await alert.getByTestId('alert-acknowledge').click();
    await page.getByTestId('ack-by').fill('Zhang Wei');
    await page.getByTestId('ack-note').fill('Called the maintenance team');
    await page.getByTestId('ack-submit').click();
    await page.getByTestId('alerts-empty').waitFor();
    await expect.poll(() => page.getByTestId('nav-attention').count()).toBe(0);
    await page.getByTestId('alerts-tab-acknowledged').click();
    const acked = page.getByTestId('alert-row');
    await acked.first().waitFor();
    expect(await acked.getByTestId('alert-ack').textContent()).toMatch(/^Zhang Wei, .*Called the maintenance team$/);

    // The board shows the camera abnormal, worst first, with its cause.
    await page.getByTestId('nav-board').click();
    const bad = page.getByTestId('board-row').first();
    await expect.poll(() => bad.getByTestId('health-state').getAttribute('data-state')).toBe('abnormal');
    expect(await bad.getByTestId('board-problem').textContent()).toMatch(/^Brightness/);
    await page.screenshot({ path: screenshotPath('en', 'board-camera-dark'), fullPage: true });

    // Light back: two healthy runs in a row recover the camera and resolve the alert, live on the Resolved tab.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alerts-tab-resolved').click();
    await page.getByTestId('alerts-empty').waitFor();
    await eventStreamOpen(page);
    camera.show('good');
    await runTask();
    await runTask();
    const resolved = page.getByTestId('alert-row');
    await resolved.first().waitFor({ timeout: 10_000 });
    expect(await resolved.getAttribute('data-state')).toBe('resolved');
    expect(await resolved.getByTestId('alert-ack').textContent()).toContain('Zhang Wei');

    // Its address: a reload of the camera's page stays there; Back returns to the alerts.
    await resolved.getByTestId('alert-camera').click();
    await expect.poll(() => page.url()).toMatch(/#\/camera\/31$/);
    await page.reload();
    await expect.poll(() => page.url()).toMatch(/#\/camera\/31$/);
    await page.getByTestId('nav-board').waitFor();
    expect(await page.getByTestId('nav-board').getAttribute('aria-current')).toBe('page');
    await page.goBack();
    await expect.poll(() => page.url()).toMatch(/#\/alerts$/);
    await page.getByTestId('alerts-tab-open').waitFor();
  }, 120_000);
});
