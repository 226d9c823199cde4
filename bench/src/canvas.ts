import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildMapUpdates, pushMap } from './coldload.js';
import { BENCH_ADMIN_TOKEN, startOurs } from './servers.js';
import { repoRoot } from './servers.js';
import { sleep } from './client.js';
import type { CanvasResult, NotMeasured } from './report.js';
import { percentiles } from './stats.js';

const webDist = path.join(repoRoot, 'apps/web/dist');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Newest modification time of the files under `dir` (skipping node_modules and dist). */
function newest(dir: string): number {
  let max = 0;
  if (!fs.existsSync(dir)) return max;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

/** Builds apps/web when its dist is missing or older than the web app's or a package's sources. */
function ensureWebBuild(log: (msg: string) => void): void {
  const index = path.join(webDist, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(path.join(repoRoot, 'apps/web/src')), newest(path.join(repoRoot, 'packages')));
  if (built && built >= sources) return;
  log(built ? 'apps/web/dist is older than the sources: rebuilding it' : 'building apps/web');
  execFileSync('pnpm', ['--filter', '@journeycraft/web', 'build'], { cwd: repoRoot, stdio: 'ignore' });
}

/** Frames per second and frame times measured with requestAnimationFrame while the mouse drags a card. */
async function dragFps(page: Page): Promise<{ fps: number; p95FrameMs: number; longFrames: number }> {
  const card = page.locator('[data-testid="touchpoint-card"]').first();
  const box = await card.boundingBox();
  if (!box) throw new Error('no touchpoint card on screen');
  // Strings, not functions: tsx would wrap functions with helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const loop = (t) => {
      if (!window.__recording) return;
      window.__frames.push(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);
  const x0 = box.x + box.width / 2;
  const y0 = box.y + Math.min(20, box.height / 2);
  const mouse = page.mouse;
  await mouse.move(x0, y0);
  await mouse.down();
  // About 3 s of dragging at one pointer event per 16 ms, along a loop so the card crosses cells.
  // Each move waits for the page to take the event, so a slow page gets fewer moves, never more than 3 s.
  const steps = 180;
  const until = performance.now() + 3000;
  for (let i = 1; i <= steps && performance.now() < until; i++) {
    const a = (i / steps) * Math.PI * 2;
    await mouse.move(x0 + Math.sin(a) * 260, y0 + (1 - Math.cos(a)) * 160);
    await sleep(16);
  }
  await mouse.up();
  const frames = await page.evaluate<number[]>(`(() => {
    window.__recording = false;
    return window.__frames;
  })()`);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  const span = frames.length > 1 ? frames[frames.length - 1]! - frames[0]! : NaN;
  return {
    fps: ((frames.length - 1) / span) * 1000,
    p95FrameMs: percentiles([...gaps]).p95,
    longFrames: gaps.filter((g) => g > 50).length,
  };
}

/**
 * Canvas in headless Chromium against our server serving the built web app: time until the
 * first card shows and the map is loaded, then fps while dragging a card, for maps of 200,
 * 1,000, 2,000 and 5,000 touchpoints.
 */
export async function runCanvas(
  quick: boolean,
  log: (msg: string) => void = () => {},
  only?: number[],
): Promise<{ results: CanvasResult[]; notMeasured: NotMeasured[] }> {
  const what = 'canvas: 200 / 1,000 / 2,000 / 5,000';
  if (!fs.existsSync(path.join(repoRoot, 'packages/canvas/package.json')))
    return { results: [], notMeasured: [{ what, reason: 'packages/canvas does not exist yet' }] };
  if (!fs.existsSync(chromiumPath))
    return {
      results: [],
      notMeasured: [
        { what, reason: `no Chromium at ${chromiumPath} (bash scripts/ensure-tools.sh chromium installs it)` },
      ],
    };
  ensureWebBuild(log);
  const { chromium } = await import('playwright-core');
  const sizes = only?.length ? only : quick ? [200] : [200, 1000, 2000, 5000];
  const server = await startOurs();
  let browser: Browser | null = null;
  const results: CanvasResult[] = [];
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    for (const size of sizes) {
      const room = await server.newRoom(`Canvas ${size}`);
      const map = buildMapUpdates(size);
      (await pushMap(server, room, map, map.updates.length)).close();

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(`localStorage.setItem('journeycraft.name', 'Bench')`);
      await signInAdmin(context, `http://127.0.0.1:${server.port}`);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`http://127.0.0.1:${server.port}/maps/${room}`);
      await page.locator('[data-testid="touchpoint-card"]').first().waitFor({ state: 'visible', timeout: 60_000 });
      const firstCardMs = performance.now() - t0;
      await page
        .locator('[role="status"][data-loaded="true"]')
        .first()
        .waitFor({ timeout: 60_000 })
        .catch(() => {});
      const loadedMs = performance.now() - t0;
      const rendered = await page.locator('[data-testid="touchpoint-card"]').count();
      await sleep(500);
      const fps = await dragFps(page);
      results.push({
        touchpoints: size,
        fps: fps.fps,
        firstRenderMs: firstCardMs,
        note:
          `loaded ${loadedMs.toFixed(0)} ms; p95 frame ${fps.p95FrameMs.toFixed(1)} ms, ${fps.longFrames} frames > 50 ms; ` +
          `${rendered} cards in the DOM`,
      });
      log(`  ${size} touchpoints: ${fps.fps.toFixed(1)} fps, first card ${firstCardMs.toFixed(0)} ms`);
      await context.close();
    }
    return { results, notMeasured: [] };
  } finally {
    await browser?.close();
    await server.kill9();
    server.cleanup();
  }
}

let benchAccounts = 0;

/**
 * Signs the browser context in as a workspace admin: invited with the owner's API token (the
 * server runs with BENCH_ADMIN_TOKEN), the invitation accepted in the context (its session cookie).
 */
async function signInAdmin(context: BrowserContext, http: string): Promise<void> {
  const invited = await fetch(`${http}/api/workspace/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    body: JSON.stringify({ role: 'admin' }),
  });
  if (invited.status !== 201) throw new Error(`bench invitation failed: ${invited.status} ${await invited.text()}`);
  const { token } = (await invited.json()) as { token: string };
  const n = ++benchAccounts;
  const accepted = await context.request.post(`${http}/api/auth/invitations/accept`, {
    headers: { origin: http },
    data: { token, email: `bench${n}.${Date.now()}@bench.test`, name: `Bench ${n}`, password: 'bench admin password' },
  });
  if (accepted.status() !== 201) throw new Error(`bench sign-up failed: ${accepted.status()} ${await accepted.text()}`);
}
