import type { Locator, Page } from '@playwright/test';
import { boxesApart, expect, snap, test, type MapListPage, type MapPage } from '../fixtures/index.js';
import { openNewMap, TEMPLATES } from '../fixtures/templates.js';
import { expectAccessible } from '../fixtures/axe.js';

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

/**
 * What is cut off bare in the cards and headers in view: an element that clips its content
 * (overflow hidden) without showing it goes on — an ellipsis on a block (not a flex box, where
 * it never draws) or a line clamp. `strict` selectors must show all of their text.
 */
async function cutOff(page: Page, strict: string): Promise<string[]> {
  return page.evaluate((strict) => {
    const pane = document.querySelector('.jc-flow')!.getBoundingClientRect();
    const out: string[] = [];
    const roots = document.querySelectorAll('[data-testid="touchpoint-card"], [data-testid="stage-header"]');
    for (const root of Array.from(roots)) {
      const r = root.getBoundingClientRect();
      if (r.left < pane.left || r.right > pane.right || r.top < pane.top || r.bottom > pane.bottom) continue;
      for (const el of [root, ...Array.from(root.querySelectorAll<HTMLElement>('*'))]) {
        const cs = getComputedStyle(el);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        if (el.clientWidth <= 1 && el.clientHeight <= 1) continue; // words for screen readers only
        const wide = el.scrollWidth > el.clientWidth + 1;
        const tall = el.scrollHeight > el.clientHeight + 1;
        if (!wide && !tall) continue;
        const block = !/flex|grid/.test(cs.display);
        const marked =
          (wide && cs.textOverflow === 'ellipsis' && block) || (tall && cs.webkitLineClamp !== 'none' && !wide);
        if (marked && !el.matches(strict)) continue;
        out.push(`${el.className} in “${root.getAttribute('aria-label') ?? root.textContent?.slice(0, 40)}”`);
      }
    }
    return out;
  }, strict);
}

/** What content a connection label may never overlap (its own card's chips included). */
const CONTENT = [
  '[data-testid="touchpoint-card"]',
  '[data-testid="sticky"]',
  '[data-testid="cluster"]',
  '[data-testid="stage-header"]',
  '[data-testid="lane-header"]',
  '.jc-badge',
  '.jc-vote-btn',
  '.jc-peer-tag',
  '.jc-edge-label',
].join(', ');

/**
 * The connection labels in the canvas pane that overlap any card, sticky, header, chip or other
 * label (by screen boxes), that their own line runs through, or that something lies over.
 */
async function labelOverlaps(
  page: Page,
): Promise<{ count: number; overlaps: string[]; onLine: string[]; covered: string[] }> {
  return page.evaluate((content) => {
    const pane = document.querySelector('.jc-flow')!.getBoundingClientRect();
    const inPane = (r: DOMRect) =>
      r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
    const meet = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const name = (el: Element) =>
      el.getAttribute('aria-label') ?? `${el.className} “${(el.textContent ?? '').trim().slice(0, 30)}”`;
    const labels = Array.from(document.querySelectorAll<HTMLElement>('.jc-edge-label[data-edge-id]')).filter((l) =>
      inPane(l.getBoundingClientRect()),
    );
    const others = Array.from(document.querySelectorAll(content)).filter((el) => inPane(el.getBoundingClientRect()));
    const overlaps: string[] = [];
    const onLine: string[] = [];
    const covered: string[] = [];
    for (const label of labels) {
      const box = label.getBoundingClientRect();
      for (const el of others) {
        if (el === label || label.contains(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && meet(box, r)) overlaps.push(`“${label.textContent}” over ${name(el)}`);
      }
      const path = document.getElementById(label.dataset.edgeId!) as SVGPathElement | null;
      if (path) {
        const ctm = path.getScreenCTM()!;
        const total = path.getTotalLength();
        // Every point of the line, the arrowhead's end included, stays out of the label's box.
        for (let i = 0; i <= 80; i++) {
          const p = path.getPointAtLength((total * i) / 80);
          const x = ctm.a * p.x + ctm.c * p.y + ctm.e;
          const y = ctm.b * p.x + ctm.d * p.y + ctm.f;
          if (x > box.left + 1 && x < box.right - 1 && y > box.top + 1 && y < box.bottom - 1) {
            onLine.push(`“${label.textContent}” at ${i}/80`);
            break;
          }
        }
      }
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (top !== null && !label.contains(top) && !top.closest('.react-flow__panel'))
        covered.push(`“${label.textContent}” under ${name(top)}`);
    }
    return { count: labels.length, overlaps, onLine, covered };
  }, CONTENT);
}

/**
 * The vote chips in the pane that overlap their card's face or title, another chip (badges, a
 * peer's name tag, another vote chip), another card or a connection label.
 */
async function chipOverlaps(page: Page): Promise<{ count: number; overlaps: string[] }> {
  return page.evaluate(() => {
    const pane = document.querySelector('.jc-flow')!.getBoundingClientRect();
    const inPane = (r: DOMRect) =>
      r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
    const meet = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const chips = Array.from(document.querySelectorAll<HTMLElement>('.jc-vote-btn')).filter((c) =>
      inPane(c.getBoundingClientRect()),
    );
    const overlaps: string[] = [];
    for (const chip of chips) {
      const box = chip.getBoundingClientRect();
      const card = chip.closest('[data-testid="touchpoint-card"]');
      const own = card ? Array.from(card.querySelectorAll('.jc-face, .jc-card-title, .jc-badge, .jc-peer-tag')) : [];
      const elsewhere = Array.from(
        document.querySelectorAll(
          '[data-testid="touchpoint-card"], [data-testid="sticky"], [data-testid="stage-header"], .jc-vote-btn, .jc-edge-label',
        ),
      ).filter((el) => el !== chip && el !== card);
      for (const el of [...own, ...elsewhere]) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && meet(box, r))
          overlaps.push(`${chip.getAttribute('aria-label')} over ${el.getAttribute('aria-label') ?? el.className}`);
      }
    }
    return { count: chips.length, overlaps };
  });
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

  test('nothing on a card or a stage header is cut off bare: every template, and stage titles beside a lock', async ({
    page,
    request,
    mapPage,
  }) => {
    test.setTimeout(180_000);
    for (const template of TEMPLATES) {
      await openNewMap(page, request, template, template === TEMPLATES[0] ? 'Ada Lovelace' : undefined);
      // Badges, owner names and stage titles show whole or say they go on (card titles clamp to two lines).
      expect(await cutOff(page, '.jc-stage-title, .jc-owner-name'), template).toEqual([]);
    }
    // A facilitator locks every stage: each header carries a lock beside its count, and its title still shows whole.
    const headers = mapPage.canvas.getByTestId('stage-header');
    for (const title of await headers.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))) {
      await mapPage.stage(title).click();
      await mapPage.panel.getByRole('button', { name: 'Lock stage' }).click();
      await expect(mapPage.stage(title)).toHaveAttribute('data-locked', 'true');
    }
    await mapPage.closePanel();
    await snap(page, 'layout-07-stages-locked');
    expect(await cutOff(page, '.jc-stage-title'), 'every stage locked').toEqual([]);
  });

  test('connection labels sit beside their line and clear of every card, sticky, header and chip: every template', async ({
    page,
    request,
    mapPage,
  }) => {
    test.setTimeout(180_000);
    let labelled = 0;
    for (const [template, view] of TEMPLATES.flatMap((t) => [
      [t, 'first view'],
      [t, 'fit'],
    ])) {
      if (view === 'first view')
        await openNewMap(page, request, template, template === TEMPLATES[0] ? 'Ada Lovelace' : undefined);
      else await mapPage.fit();
      const found = await labelOverlaps(page);
      labelled += found.count;
      expect(found.onLine, `${template}, ${view}: labels on their own line`).toEqual([]);
      expect(found.overlaps, `${template}, ${view}: labels over content`).toEqual([]);
      // Nothing lies over a label (the grid's translucent cells did, washing it out to pale text).
      expect(found.covered, `${template}, ${view}: labels under something`).toEqual([]);
      if (view === 'first view') await snap(page, `layout-03-labels-${template}`);
    }
    expect(labelled, 'the templates have labelled connections').toBeGreaterThan(8);
  });

  test('while voting, no chip covers a face, a title, another chip, a card or a label: every template', async ({
    page,
    request,
    mapPage,
  }) => {
    test.setTimeout(240_000);
    let chips = 0;
    for (const template of TEMPLATES) {
      await openNewMap(page, request, template, template === TEMPLATES[0] ? 'Ada Lovelace' : undefined);
      await page.getByRole('region', { name: 'Workshop session' }).getByRole('button', { name: 'Voting' }).click();
      const dialog = page.getByRole('dialog', { name: 'Dot voting' });
      await dialog.getByLabel('Question').fill('Worst moments');
      await dialog.getByRole('button', { name: 'Open voting round' }).click();
      await expect(page.getByTestId('votes-left')).toContainText('dots left');
      await expect(mapPage.canvas.locator('.jc-vote-btn').first()).toBeVisible();
      for (const view of ['first view', 'fit']) {
        if (view === 'fit') await mapPage.fit();
        const found = await chipOverlaps(page);
        chips += found.count;
        expect(found.overlaps, `${template}, ${view}: chips over content`).toEqual([]);
        const labels = await labelOverlaps(page);
        expect(labels.overlaps, `${template}, ${view}, voting: labels over content`).toEqual([]);
      }
      if (template === 'service-blueprint-hotel') {
        await snap(page, 'layout-08-voting-hotel');
        // At the first view (Fit makes every control too small a target), the chips pass axe:
        // contrast, and names that start with their words; a placed dot ("Voted") too.
        await page.reload();
        await mapPage.expectLive();
        await page
          .getByRole('button', { name: /^Vote: put a dot on / })
          .first()
          .click();
        await expect(page.getByRole('button', { name: /^Voted: take your dot back from / })).toHaveCount(1);
        await expectAccessible(page, 'the hotel map while voting');
      }
    }
    expect(chips, 'vote chips were checked').toBeGreaterThan(40);
  });
});
