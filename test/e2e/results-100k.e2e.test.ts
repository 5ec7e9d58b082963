// The Results page over a big cache: 100,000 result rows written into the worker's database before
// it starts, then Chromium opens Results. Measured and printed (not asserted beyond sanity): the time
// from the click on Results to the first row; asserted: the table is virtualized and scrolling loads more.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';
import { fileKeyCodec } from '../../main/core/secrets/file-key-codec.ts';
import { openSqlite } from '../../main/core/store/sqlite.ts';
import { openStore } from '../../main/core/store/store.ts';
import { createVhost, type TestVhost } from '../support/vhost.ts';
import { startWorker, tempDataDir, type WorkerProcess } from '../support/worker-process.ts';
import { launchBrowser, type E2eBrowser } from './browser.ts';
import { tearDown } from './teardown.ts';

const ROWS = 100_000;
const PER_RUN = 16 * ALL_CHECKS.length;
const CAMERAS = 200;
const DAY = 86_400_000;

/** 100k results (and their runs) over the last 5 days, generated inside SQLite in one transaction,
 *  times rising with ids as a worker writes them (the way test/bench/store-bench.ts fills 1M). */
function fillResults(dataDir: string, rows: number): void {
  const path = join(dataDir, 'edge.db');
  // Through the store first: the schema exactly as the worker migrates it.
  const opened = openStore({ path, secrets: fileKeyCodec(join(dataDir, 'secret.key')) });
  if (!opened.ok) throw new Error(opened.message);
  opened.store.close();
  const db = openSqlite(path, 5000);
  try {
    const endAt = Date.now() - 60_000;
    const startAt = endAt - 5 * DAY;
    const step = (endAt - startAt) / rows;
    const runs = Math.ceil(rows / PER_RUN);
    const types = ALL_CHECKS.map((t) => `'${t}'`).join(', ');
    db.transaction(() => {
      db.prepare(`
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
        INSERT INTO runs (run_id, task_id, status, attempts, received_at, finished_at, envelope, cameras_total, cameras_done)
        SELECT 'fill-' || i, i, 'done', 1, ?, ?, '{}', 16, 16 FROM n`).run(runs, startAt, startAt);
      db.prepare(`
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
        INSERT INTO results (run_id, camera_id, camera_name, diagnosis_type, diagnosis_status, score, threshold, thresholds,
          is_abnormal, processing_time, error_message, suggestions, metrics, image_timestamp, snapshot_path, created_at)
        SELECT 'fill-' || (i / ${PER_RUN}), (i / ${ALL_CHECKS.length}) % ${CAMERAS} + 1, 'Camera ' || ((i / ${ALL_CHECKS.length}) % ${CAMERAS} + 1),
          json_extract(json_array(${types}), '$[' || (i % ${ALL_CHECKS.length}) || ']'),
          CASE WHEN i % 20 < 16 THEN 'normal' WHEN i % 20 = 16 THEN 'warning' WHEN i % 20 = 17 THEN 'error' ELSE 'critical' END,
          i % 100, 30, '{"min":30,"max":220}', i % 20 >= 16, 2.5, NULL, '[]', '{"value":42.5}', NULL, NULL,
          CAST(? + i * ? AS INTEGER)
        FROM n`).run(rows, startAt, step);
    })();
    const count = db.prepare('SELECT count(*) FROM results').pluck().get() as number;
    if (count !== rows) throw new Error(`filled ${count} rows, wanted ${rows}`);
  } finally {
    db.close();
  }
}

let vhost: TestVhost;
let dataDir: string;
let worker: WorkerProcess;
let browser: E2eBrowser;
let page: Page;

beforeAll(async () => {
  vhost = await createVhost();
  dataDir = tempDataDir();
  const filled = performance.now();
  fillResults(dataDir, ROWS);
  console.log(`e2e: filled ${ROWS} result rows in ${Math.round(performance.now() - filled)} ms`);
  [worker, browser] = await Promise.all([startWorker({ brokers: [vhost.url], dataDir }), launchBrowser()]);
  page = await browser.newPage();
  await page.goto(worker.dashboardUrl());
  await page.getByTestId('nav-overview').waitFor();
}, 60_000);

afterAll(() => tearDown({ browser, worker, vhost, dataDir }), 60_000);

const loadedCount = async (): Promise<number> => Number(/\d[\d,]*/.exec((await page.getByTestId('results-count').textContent()) ?? '')?.[0]?.replace(/,/g, '') ?? 0);

describe('Results over 100,000 cached rows', () => {
  it('renders the first rows quickly, keeps the DOM small and loads more on scroll', async () => {
    const rows = page.getByTestId('result-row');
    const started = performance.now();
    await page.getByTestId('nav-results').click();
    await rows.first().waitFor({ timeout: 20_000 });
    const firstRenderMs = performance.now() - started;
    console.log(`e2e: results first render with ${ROWS} cached rows: ${Math.round(firstRenderMs)} ms`);
    expect(firstRenderMs).toBeGreaterThan(0);
    expect(firstRenderMs).toBeLessThan(15_000);

    // The newest row first.
    const newest = Number(await rows.first().getAttribute('data-result-id'));
    expect(newest).toBe(ROWS);

    // Virtualized: a page of rows is loaded, only those in view (plus overscan) are in the DOM.
    await expect.poll(loadedCount, { timeout: 10_000 }).toBeGreaterThanOrEqual(500);
    const inDom = await rows.count();
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(100);
    const before = await loadedCount();

    // Scrolling down loads the next page by keyset, and later rows come into the DOM.
    const scroller = page.getByTestId('results-scroll');
    for (let i = 0; i < 3; i++) {
      await scroller.evaluate((e) => e.scrollTo({ top: e.scrollHeight }));
      await expect.poll(loadedCount, { timeout: 10_000 }).toBeGreaterThan(before + 500 * i);
    }
    const grown = await loadedCount();
    expect(grown).toBeGreaterThanOrEqual(before + 1000);
    await scroller.evaluate((e) => e.scrollTo({ top: e.scrollHeight }));
    await expect
      .poll(async () => Math.max(...(await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-result-id')))))), { timeout: 10_000 })
      .toBeLessThanOrEqual(ROWS - before);
    expect(await rows.count()).toBeLessThan(100);
    await expect.poll(loadedCount, { timeout: 10_000 }).toBeGreaterThan(grown);
    console.log(`e2e: results after scrolling: ${await loadedCount()} rows loaded, ${await rows.count()} in the DOM`);
  }, 60_000);
});
