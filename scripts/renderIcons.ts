// Renders the PNG app icons in assets/icons/ from assets/icons/icon.svg with headless Chromium, so the
// raster icons never drift from the vector mark by hand-editing. Re-run after changing icon.svg and
// commit the PNGs:
//
//   npx tsx scripts/renderIcons.ts
//
// icon-192.png, icon-512.png   the tile as drawn (rounded corners, transparent outside), manifest "any"
// icon-maskable-512.png        square full-bleed tile, the mark scaled into the central safe circle
//                              (radius 40 % of the size) that every platform mask keeps, manifest "maskable"
// apple-touch-icon.png (180)   square full-bleed tile: iOS rounds the corners itself and shows
//                              transparency as black
// ../favicon.ico (32, 48)      the tile as drawn, for whatever asks /favicon.ico without reading the
//                              page's <link rel="icon"> (a browser showing a JSON answer or an image)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './findChromium.mjs';
import { icoFile } from './icoFile';

const ICON_DIR = 'assets/icons';
const SOURCE = join(ICON_DIR, 'icon.svg');
/** Radius, as a fraction of the icon size, that the maskable mark is scaled to: inside the 0.4 safe circle. */
const MASKABLE_RADIUS = 0.38;

type Shape = 'tile' | 'square' | 'maskable';
/** `ico`: rendered for assets/favicon.ico, not written as a PNG of its own. */
const VARIANTS: { file: string; size: number; shape: Shape; ico?: true }[] = [
  { file: 'icon-192.png', size: 192, shape: 'tile' },
  { file: 'icon-512.png', size: 512, shape: 'tile' },
  { file: 'icon-maskable-512.png', size: 512, shape: 'maskable' },
  { file: 'apple-touch-icon.png', size: 180, shape: 'square' },
  { file: 'favicon-32', size: 32, shape: 'tile', ico: true },
  { file: 'favicon-48', size: 48, shape: 'tile', ico: true },
];
const FAVICON = 'assets/favicon.ico';
const favicon: { size: number; png: Buffer }[] = [];

const svg = readFileSync(SOURCE, 'utf8');
const found = await findChromium();
if (!found) throw new Error('No Chromium found; set CHROMIUM_PATH or run node scripts/ensure-chromium.mjs');
const browser = await chromium.launch({
  executablePath: found.path,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (const { file, size, shape, ico } of VARIANTS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:transparent}` +
        `svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const note = await page.evaluate(
      async ({ shape, maskableRadius }) => {
        const root = document.querySelector('svg');
        const tile = document.getElementById('tile');
        const mark = document.getElementById('mark');
        if (!root || !tile || !mark) throw new Error('icon.svg needs an <svg> with #tile and #mark');
        if (shape === 'tile') return '';
        tile.setAttribute('rx', '0');
        if (shape === 'square') return '';
        // Maskable: find the drawn extent of the mark (strokes included) by rasterising it alone at
        // one pixel per viewBox unit, then centre it and scale it into the safe circle.
        const vb = root.viewBox.baseVal;
        if (vb.x !== 0 || vb.y !== 0 || vb.width !== vb.height)
          throw new Error('icon.svg needs a square viewBox at 0 0');
        const n = vb.width;
        const alone = root.cloneNode(true) as SVGSVGElement;
        alone.querySelector('#tile')?.remove();
        alone.setAttribute('width', String(n));
        alone.setAttribute('height', String(n));
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(alone))}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = n;
        canvas.height = n;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2D canvas');
        ctx.drawImage(img, 0, 0, n, n);
        const alpha = ctx.getImageData(0, 0, n, n).data;
        let [x0, y0, x1, y1] = [n, n, 0, 0];
        for (let y = 0; y < n; y++)
          for (let x = 0; x < n; x++)
            if (alpha[(y * n + x) * 4 + 3] > 0)
              [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
        const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
        let r = 0;
        for (let y = y0; y < y1; y++)
          for (let x = x0; x < x1; x++)
            if (alpha[(y * n + x) * 4 + 3] > 0) r = Math.max(r, Math.hypot(x + 0.5 - cx, y + 0.5 - cy) + Math.SQRT1_2);
        const k = (maskableRadius * n) / r;
        const inner = mark.getAttribute('transform') ?? '';
        mark.setAttribute(
          'transform',
          `translate(${n / 2} ${n / 2}) scale(${k.toFixed(4)}) translate(${-cx} ${-cy}) ${inner}`,
        );
        return `mark radius ${r.toFixed(1)}/${n} scaled by ${k.toFixed(3)} into the safe circle`;
      },
      { shape, maskableRadius: MASKABLE_RADIUS },
    );
    const png = await page.screenshot({ omitBackground: true });
    await page.close();
    if (ico) {
      favicon.push({ size, png });
      continue;
    }
    writeFileSync(join(ICON_DIR, file), png);
    console.log(`${join(ICON_DIR, file)}  ${size}x${size}${note ? `  (${note})` : ''}`);
  }
  writeFileSync(FAVICON, icoFile(favicon));
  console.log(`${FAVICON}  ${favicon.map((f) => `${f.size}x${f.size}`).join(', ')}`);
} finally {
  await browser.close();
}
