// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the e2e tests against the
// headless worker's dashboard. Every browser gets its own throw-away profile folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '../../test-artifacts/screenshots');
export const VIEWPORT = { width: 1200, height: 800 };

// The closed network here refuses Chromium's own background connections; keep it from trying.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface E2eBrowser {
  context: BrowserContext;
  /** A new tab (its own sessionStorage, so its own dashboard token). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<E2eBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'edge-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: VIEWPORT,
      // Dates and numbers as an operator in China sees them; the UI language is chosen in the app.
      timezoneId: 'Asia/Shanghai',
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  context.setDefaultTimeout(15_000);
  // Keep a handle on the page's EventSources, so a test can wait until the event stream is open.
  await context.addInitScript(() => {
    const Native = window.EventSource;
    const opened: EventSource[] = [];
    (window as unknown as { __eventSources: EventSource[] }).__eventSources = opened;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        opened.push(this);
      }
    };
  });
  // Only the dashboard on this computer is ever opened.
  await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/])(?!data:)(?!about:)/, (route) => route.abort('blockedbyclient'));
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Until the page's newest event stream is connected (pushed events from now on reach it). */
export async function eventStreamOpen(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const list = (window as unknown as { __eventSources?: EventSource[] }).__eventSources ?? [];
    return list.length > 0 && list[list.length - 1]!.readyState === 1;
  });
}

export function screenshotPath(lang: string, page: string): string {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return join(SCREENSHOTS_DIR, `${lang}-${page}.png`);
}
