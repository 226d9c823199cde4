import path from 'node:path';
import type { Page } from '@playwright/test';
import { MapPage, artifactsDir, expect, snap, test, type MapListPage } from '../fixtures/index.js';
import { expectAccessible } from '../fixtures/axe.js';
import { solidPng } from '../fixtures/png.js';

const MAGENTA = [230, 20, 200] as const;
const TEAL = [10, 160, 150] as const;

/** How many pixels of a PNG (given as bytes) are close to `rgb`, counted in the page's own decoder. */
async function pixelsLike(page: Page, png: Buffer, rgb: readonly number[]): Promise<number> {
  return page.evaluate(
    async ({ b64, rgb }) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - rgb[0]!) + Math.abs(data[i + 1]! - rgb[1]!) + Math.abs(data[i + 2]! - rgb[2]!) < 30)
          n++;
      }
      return n;
    },
    { b64: png.toString('base64'), rgb: [...rgb] },
  );
}

/** Drops or pastes a file onto an element, as the browser does when a person drags one in or presses Ctrl+V. */
async function giveFile(page: Page, testId: string, how: 'drop' | 'paste', png: Buffer, name: string): Promise<void> {
  await page
    .getByTestId(testId)
    .first()
    .evaluate(
      (el, { b64, name, how }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], name, { type: 'image/png' }));
        if (how === 'paste') {
          (el as HTMLElement).focus();
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        } else {
          el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
          el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }
      },
      { b64: png.toString('base64'), name, how },
    );
}

/**
 * axe at a zoom where the canvas's own controls are full size (fitted to the screen, a template map
 * is drawn at about half size), then fitted again.
 */
async function accessibleAtFullSize(page: Page, what: string): Promise<void> {
  const zoomIn = page.locator('.react-flow__controls-zoomin');
  for (let i = 0; i < 4; i++) await zoomIn.click();
  await expectAccessible(page, what);
  await page.locator('.react-flow__controls-fitview').click();
}

/** A new map from the contact-centre template, open and fitted, as Ada. */
async function openSampleMap(page: Page, mapList: MapListPage, mapPage: MapPage, title: string): Promise<string> {
  await mapList.goto();
  await page.getByText('Contact-centre support call').click();
  const id = await mapList.createMap(title);
  await mapPage.joinAs('Ada Lovelace');
  await mapPage.expectLive();
  await mapPage.fit();
  return id;
}

test.describe('pictures on cards and personas', () => {
  test('a picture chosen, dropped or pasted shows on its card and persona, after a reload, to a guest, and in the PNG of the map', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(120_000);
    const id = await openSampleMap(page, mapList, mapPage, 'Pictures on the map');

    // The file picker, on one card.
    await mapPage.touchpoint('Waits on hold').click();
    const picture = mapPage.panel.getByRole('group', { name: 'Picture' });
    await expect(picture).toContainText('Drop a picture here');
    await mapPage.panel.getByLabel('Picture: choose a file').setInputFiles({
      name: 'hold-music.png',
      mimeType: 'image/png',
      buffer: solidPng(320, 240, MAGENTA),
    });
    await expect(picture.getByRole('img', { name: 'Waits on hold' })).toBeVisible();
    await expect(mapPage.touchpoint('Waits on hold').getByTestId('card-image')).toBeVisible();
    await accessibleAtFullSize(page, 'a card with a picture, and its panel');
    await snap(page, 'images-01-card-and-panel');

    // Dragged in, on another card.
    await mapPage.closePanel();
    await mapPage.touchpoint('Checks the next bill').click();
    await giveFile(page, 'image-drop', 'drop', solidPng(200, 200, TEAL), 'bill.png');
    await expect(mapPage.touchpoint('Checks the next bill').getByTestId('card-image')).toBeVisible();
    await mapPage.closePanel();

    // Pasted, as a persona's photo.
    await mapPage.canvas.getByRole('button', { name: 'Details' }).click();
    await expect(mapPage.panel.getByLabel('Persona 1', { exact: true })).toHaveValue('Time-poor parent');
    await giveFile(page, 'image-drop', 'paste', solidPng(120, 120, TEAL), 'persona.png');
    await expect(
      mapPage.panel.getByRole('group', { name: 'Photo' }).first().getByRole('img', { name: 'Time-poor parent' }),
    ).toBeVisible();
    await expect(mapPage.canvas.getByTestId('persona-photo')).toBeVisible();
    await accessibleAtFullSize(page, 'a persona with a photo');
    await mapPage.closePanel();

    // Stored by the server: a reload shows them again.
    await page.reload();
    await mapPage.expectLive();
    await expect(mapPage.touchpoint('Waits on hold').getByTestId('card-image')).toBeVisible();
    await expect(mapPage.canvas.getByTestId('persona-photo')).toBeVisible();
    await snap(page, 'images-02-map-with-pictures');

    // A guest who joined by a viewer link sees them too (the picture requests carry the link session).
    const link = await page.request.post(`/api/maps/${id}/links`, { data: { role: 'viewer', label: 'Guests' } });
    expect(link.status()).toBe(201);
    const guestContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const guest = await guestContext.newPage();
      await guest.goto(`/join/${((await link.json()) as { token: string }).token}`);
      await guest.getByLabel('Your display name').fill('Hana');
      await guest.getByRole('button', { name: 'Join the session' }).click();
      const guestMap = new MapPage(guest);
      await guestMap.expectLive();
      await expect(guestMap.touchpoint('Waits on hold').getByTestId('card-image')).toBeVisible();
      await expect(guestMap.canvas.getByTestId('persona-photo')).toBeVisible();
      // Not theirs to change: the panel shows the picture without the controls.
      await guestMap.touchpoint('Waits on hold').click();
      await expect(guestMap.panel.getByRole('button', { name: /picture/i })).toHaveCount(0);
    } finally {
      await guestContext.close();
    }

    // In the PNG of the whole map.
    await mapPage.canvas.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'PNG image, whole map' }).click(),
    ]);
    const png = Buffer.concat(await (await download.createReadStream()).toArray());
    await download.saveAs(path.join(artifactsDir, 'images-03-exported-map.png'));
    expect(await pixelsLike(page, png, MAGENTA)).toBeGreaterThan(200);
    expect(await pixelsLike(page, png, TEAL)).toBeGreaterThan(200);

    // The same picture as SVG of shapes, drawn in the browser: title, legend, the emotion curve, pictures inside.
    await mapPage.canvas.getByRole('button', { name: 'Export' }).click();
    const [svgFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'SVG image, whole map' }).click(),
    ]);
    expect(svgFile.suggestedFilename()).toBe('pictures-on-the-map.svg');
    const svg = Buffer.concat(await (await svgFile.createReadStream()).toArray()).toString('utf8');
    expect(svg).toContain('>Pictures on the map<');
    expect(svg).toContain('data-kind="legend"');
    expect(svg).toMatch(/data-kind="emotion-curve" data-persona="Everyone"/);
    expect(svg).not.toMatch(/foreignObject/);
    expect((svg.match(/ xlink:href="data:image\//g) ?? []).length).toBeGreaterThanOrEqual(3);
    // And as a PDF, drawn by the server.
    await mapPage.canvas.getByRole('button', { name: 'Export' }).click();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'PDF of the map' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('pictures-on-the-map.pdf');
    const pdfBytes = Buffer.concat(await (await pdf.createReadStream()).toArray());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');

    // The map list shows a small picture of the map.
    await mapList.goto();
    const thumbnail = page.getByRole('img', { name: 'Picture of the map Pictures on the map' });
    await thumbnail.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 60_000 })
      .toBe(320);
    await snap(page, 'images-04-map-list-thumbnail');
  });

  test('an SVG or an oversized file is refused with a clear message beside the control, and nothing changes', async ({
    page,
    mapList,
    mapPage,
  }) => {
    await openSampleMap(page, mapList, mapPage, 'Refused pictures');
    await mapPage.touchpoint('Waits on hold').click();
    const field = mapPage.panel.locator('.jc-image-field');
    const input = mapPage.panel.getByLabel('Picture: choose a file');

    // An SVG, even named .png: the server reads its bytes and says no.
    await input.setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await expect(field.getByRole('alert')).toContainText('An SVG file cannot be used as a picture');
    await expect(field.getByRole('alert')).toContainText('PNG, JPEG or WebP');
    await expect(mapPage.touchpoint('Waits on hold').getByTestId('card-image')).toHaveCount(0);
    await accessibleAtFullSize(page, 'a refused picture upload');
    await snap(page, 'images-04-svg-refused');

    // Over 10 MB: said before it is sent.
    await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    await expect(field.getByRole('alert')).toContainText('larger than 10 MB');
    await expect(mapPage.touchpoint('Waits on hold').getByTestId('card-image')).toHaveCount(0);

    // A good one afterwards clears the message.
    await input.setInputFiles({ name: 'ok.png', mimeType: 'image/png', buffer: solidPng(64, 64, TEAL) });
    await expect(mapPage.touchpoint('Waits on hold').getByTestId('card-image')).toBeVisible();
    await expect(field.getByRole('alert')).toHaveCount(0);
  });
});
