import type { Locator, Page } from '@playwright/test';
import { boxesApart, expect, snap, test, type MapListPage, type MapPage } from '../fixtures/index.js';

/** Smallest on-screen font size (px) of the text in the cards that are in view. */
async function smallestCardText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
    const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const pane = document.querySelector('.jc-flow')!.getBoundingClientRect();
    let min = Infinity;
    for (const card of Array.from(document.querySelectorAll('[data-testid="touchpoint-card"]'))) {
      const r = card.getBoundingClientRect();
      if (r.right < pane.left || r.left > pane.right || r.bottom < pane.top || r.top > pane.bottom) continue;
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const size = parseFloat(getComputedStyle(n.parentElement!).fontSize) * scale;
        min = Math.min(min, size);
      }
    }
    return min;
  });
}

/** The Add buttons whose whole box lies inside the canvas pane (what a person can reach without panning). */
async function addsInView(page: Page, adds: Locator): Promise<string[]> {
  const pane = (await page.locator('.jc-flow').boundingBox())!;
  const out: string[] = [];
  for (const add of await adds.all()) {
    const b = await add.boundingBox();
    if (
      b &&
      b.x >= pane.x &&
      b.y >= pane.y &&
      b.x + b.width <= pane.x + pane.width &&
      b.y + b.height <= pane.y + pane.height
    )
      out.push((await add.getAttribute('aria-label'))!);
  }
  return out;
}

/**
 * The cards and Add buttons lying (partly) in the canvas pane that the minimap's box overlaps,
 * by their labels; none when the minimap is hidden.
 */
async function underMinimap(page: Page): Promise<string[]> {
  const minimap = page.locator('.react-flow__minimap');
  if (!(await minimap.isVisible())) return [];
  const box = (await minimap.boundingBox())!;
  const pane = (await page.locator('.jc-flow').boundingBox())!;
  const out: string[] = [];
  for (const el of await page.locator('[data-testid="touchpoint-card"], .jc-cell-add').all()) {
    const b = await el.boundingBox();
    if (!b || boxesApart(b, pane)) continue;
    if (!boxesApart(b, box)) out.push((await el.getAttribute('aria-label')) ?? (await el.innerText()).split('\n')[0]!);
  }
  return out;
}

/** A new map from the contact-centre template, opened and live. */
async function contactCentreMap(page: Page, mapList: MapListPage, mapPage: MapPage, title: string): Promise<void> {
  await mapList.goto();
  await page.getByText('Contact-centre support call').click();
  await mapList.createMap(title);
  await mapPage.joinAs('Ada Lovelace');
  await mapPage.expectLive();
}

test.describe('layout', () => {
  test('with the side panel open, nothing covers a cell: every cell’s Add takes the click', async ({
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(240_000);
    await contactCentreMap(page, mapList, mapPage, 'Every cell');
    const adds = mapPage.canvas.getByRole('button', { name: /^Add a touchpoint in / });
    await expect(mapPage.touchpoint('Opens a bill')).toBeVisible();
    await page.waitForTimeout(300);

    // The first view is readable: the first stages at a zoom where every card text is ≥ 11 px.
    expect(await smallestCardText(page)).toBeGreaterThanOrEqual(11);
    // The minimap lies over the canvas: it is off until asked for (the toolbar's Minimap button).
    await expect(mapPage.canvas.getByRole('img', { name: 'Minimap' })).toHaveCount(0);

    // Opening the side panel narrows the canvas, and nothing lies over the cells.
    await mapPage.canvas.getByRole('button', { name: 'Details' }).click();
    await expect(mapPage.panel).toBeVisible();
    await snap(page, 'layout-01-first-view-panel-open');
    const reachable = await addsInView(page, adds);
    expect(reachable.length).toBeGreaterThan(3);
    for (const label of reachable) {
      await mapPage.canvas.getByRole('button', { name: label, exact: true }).click({ trial: true, timeout: 3000 });
    }

    // Zoomed to fit with the panel open, every cell's Add takes a real click.
    await mapPage.fit();
    const labels = await adds.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
    expect(labels.length).toBe(5 * 6); // 5 stages × 6 lanes (the emotion lane has no Add)
    const before = await mapPage.canvas.getByTestId('touchpoint-card').count();
    for (const [i, label] of labels.entries()) {
      // A plain click: Playwright refuses it when anything else (minimap, controls, panel) would get it.
      await mapPage.canvas.getByRole('button', { name: label, exact: true }).click({ timeout: 5000 });
      await expect(mapPage.canvas.getByTestId('touchpoint-card')).toHaveCount(before + i + 1);
      await expect(mapPage.panel.getByLabel('Title', { exact: true })).toBeFocused();
      await mapPage.fit();
    }
    await snap(page, 'layout-02-every-cell-added');
  });

  test('at 1280×800 the minimap covers no card or cell: first view, fit, and every cell’s Add takes the click', async ({
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await contactCentreMap(page, mapList, mapPage, 'Small screen');
    await expect(mapPage.touchpoint('Opens a bill')).toBeVisible();
    await page.waitForTimeout(300);
    expect(await smallestCardText(page)).toBeGreaterThanOrEqual(11);
    await snap(page, 'layout-04-1280-first-view');
    expect(await underMinimap(page), 'first view').toEqual([]);

    const minimapButton = mapPage.canvas.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Minimap' });
    const minimap = mapPage.canvas.getByRole('img', { name: 'Minimap' });
    // Whether shown by default or asked for, Fit keeps the minimap's corner clear of the grid.
    if (!(await minimap.isVisible())) await minimapButton.click();
    await expect(minimap).toBeVisible();
    await mapPage.fit();
    await snap(page, 'layout-05-1280-fit-minimap');
    expect(await underMinimap(page), 'fit with the minimap shown').toEqual([]);

    // Every cell's Add takes a real click with the minimap showing (the panel each Add opens is closed again).
    const adds = mapPage.canvas.getByRole('button', { name: /^Add a touchpoint in / });
    const labels = await adds.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!));
    expect(labels.length).toBe(5 * 6);
    // Zoomed out this far cards draw their far view: the toolbar's count says how many there are.
    const stats = mapPage.canvas.getByTestId('map-stats');
    const before = Number(/(\d+) touchpoints/.exec((await stats.textContent())!)![1]);
    for (const [i, label] of labels.entries()) {
      await mapPage.canvas.getByRole('button', { name: label, exact: true }).click({ timeout: 5000 });
      await expect(stats).toContainText(`${before + i + 1} touchpoints`);
      await mapPage.closePanel();
      if (!(await minimap.isVisible())) await minimapButton.click();
      await mapPage.fit();
      expect(await underMinimap(page), `fit after adding in ${label}`).toEqual([]);
    }
    await snap(page, 'layout-06-1280-every-cell-added');
  });

  test('connection labels sit beside their line: no arrowhead or line through the text', async ({
    page,
    mapList,
    mapPage,
  }) => {
    await contactCentreMap(page, mapList, mapPage, 'Branch labels');
    await expect(mapPage.touchpoint('Opens a bill')).toBeVisible();
    for (const view of ['first view', 'fit']) {
      if (view === 'fit') await mapPage.fit();
      const crossings = await page.evaluate(() => {
        const out: string[] = [];
        const labels = Array.from(document.querySelectorAll<HTMLElement>('.jc-edge-label[data-edge-id]'));
        for (const label of labels) {
          const path = document.getElementById(label.dataset.edgeId!) as SVGPathElement | null;
          if (!path) continue;
          const box = label.getBoundingClientRect();
          const ctm = path.getScreenCTM()!;
          const total = path.getTotalLength();
          // Every point of the line, the arrowhead's end included, stays out of the label's box.
          for (let i = 0; i <= 40; i++) {
            const p = path.getPointAtLength((total * i) / 40);
            const x = ctm.a * p.x + ctm.c * p.y + ctm.e;
            const y = ctm.b * p.x + ctm.d * p.y + ctm.f;
            if (x > box.left + 1 && x < box.right - 1 && y > box.top + 1 && y < box.bottom - 1) {
              out.push(`${label.textContent} at ${i}/40`);
              break;
            }
          }
        }
        return { out, count: labels.length };
      });
      expect(crossings.count, 'the template has labelled connections').toBeGreaterThan(0);
      expect(crossings.out, view).toEqual([]);
      // Nothing lies over a label (the grid's translucent cells did, washing it out to pale text).
      const covered = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.jc-edge-label[data-edge-id]'))
          .filter((label) => {
            const r = label.getBoundingClientRect();
            const pane = document.querySelector('.jc-flow')!.getBoundingClientRect();
            if (r.right < pane.left || r.left > pane.right || r.bottom < pane.top || r.top > pane.bottom) return false;
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return top !== null && !label.contains(top) && !top.closest('.jc-card, .react-flow__panel');
          })
          .map((label) => label.textContent),
      );
      expect(covered, `${view}: labels under something`).toEqual([]);
    }
    await snap(page, 'layout-03-branch-labels');
  });
});
