import { expect, test, type Browser } from '@playwright/test';

/**
 * The monitors' quantum noise is seeded (src/render/seededNoise.ts): two fresh pages rendering the
 * same scene at the same sim tick show byte-identical pixels, noise included, while the next tick
 * shows fresh mottle. bench.html drives the real renderer (workers, shader, canvas).
 */
const SIZE = 256;

type Frame = { hash: number; meanGrey: number };

async function framesInFreshPage(browser: Browser, times: number[]): Promise<Frame[]> {
  const page = await browser.newPage({ viewport: { width: SIZE + 40, height: SIZE + 40 } });
  try {
    await page.goto('/bench.html');
    await page.waitForFunction(() => (window as any).__xray !== undefined);
    await page.evaluate((s) => (window as any).__xray.init(s), SIZE);
    const frames: Frame[] = [];
    for (const t of times)
      frames.push(await page.evaluate((at) => (window as any).__xray.noisyFrame('lateral', at), t));
    return frames;
  } finally {
    await page.close();
  }
}

test('the same seed and tick give the same noisy pixels in two fresh pages', async ({ browser }) => {
  test.setTimeout(90_000);
  const first = await framesInFreshPage(browser, [30, 30.5]);
  const second = await framesInFreshPage(browser, [30, 30.5]);
  // An image, not a blank canvas.
  expect(first[0].meanGrey).toBeGreaterThan(20);
  expect(second).toEqual(first);
  // Another tick reads the noise table elsewhere: other pixels.
  expect(first[1].hash).not.toBe(first[0].hash);
});
