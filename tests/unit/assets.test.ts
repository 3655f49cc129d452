// The static assets folder: the icon files an installed app needs exist with the stated pixel sizes,
// the maskable and Apple icons are opaque with the mark inside the safe circle, and Vite serves the
// folder as its publicDir. Regenerate the PNGs with `npx tsx scripts/renderIcons.ts`.
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config';

const ICONS = 'assets/icons';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNGS = [
  { file: 'icon-192.png', size: 192, opaque: false },
  { file: 'icon-512.png', size: 512, opaque: false },
  { file: 'icon-maskable-512.png', size: 512, opaque: true },
  { file: 'apple-touch-icon.png', size: 180, opaque: true },
];

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  file: Buffer;
}

/** The IHDR fields; IHDR is always the first chunk, right after the signature. */
function readHeader(file: Buffer): Png {
  expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(file.toString('ascii', 12, 16)).toBe('IHDR');
  return {
    width: file.readUInt32BE(16),
    height: file.readUInt32BE(20),
    bitDepth: file[24],
    colorType: file[25],
    interlace: file[28],
    file,
  };
}

/** Pixels of a non-interlaced 8-bit RGB or RGBA PNG as rows of bytes (3 or 4 per pixel). */
function decodeRows(png: Png): Uint8Array[] {
  expect(png.bitDepth).toBe(8);
  expect(png.interlace).toBe(0);
  const bpp = png.colorType === 6 ? 4 : png.colorType === 2 ? 3 : 0;
  expect(bpp).toBeGreaterThan(0);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.file.length; ) {
    const length = png.file.readUInt32BE(at);
    if (png.file.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = png.width * bpp;
  const rows: Uint8Array[] = [];
  let prev = new Uint8Array(stride);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)];
    if (filter > 4) throw new Error(`row ${y}: unknown PNG filter ${filter}`);
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      row[i] = (line[i] + predictor) & 0xff;
    }
    rows.push(row);
    prev = row;
  }
  return rows;
}

const png = (file: string) => readHeader(readFileSync(`${ICONS}/${file}`));

describe('assets/', () => {
  it('is the folder Vite serves at the site root and copies into dist/', () => {
    expect(viteConfig.publicDir).toBe('assets');
    expect(existsSync('assets/README.md')).toBe(true);
  });

  it('has the SVG icon, linked from index.html as the favicon', () => {
    const svg = readFileSync(`${ICONS}/icon.svg`, 'utf8');
    expect(svg).toMatch(/viewBox="0 0 512 512"/);
    // scripts/renderIcons.ts needs both ids.
    expect(svg).toMatch(/id="tile"/);
    expect(svg).toMatch(/id="mark"/);
    const html = readFileSync('index.html', 'utf8');
    expect(html).toMatch(/<link rel="icon" href="\/icons\/icon\.svg" type="image\/svg\+xml"/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/icons\/apple-touch-icon\.png"/);
  });

  it('has /favicon.ico, an ICO of the 32 and 48 px tile as PNGs, for requests that skip the link', () => {
    const ico = readFileSync('assets/favicon.ico');
    // Reserved 0, type 1 (icon), two images.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    const sizes = [0, 1].map((i) => {
      const entry = 6 + 16 * i;
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      const header = readHeader(ico.subarray(offset, offset + length));
      expect([header.width, header.height]).toEqual([ico[entry], ico[entry + 1]]);
      return header.width;
    });
    expect(sizes).toEqual([32, 48]);
  });

  it.each(PNGS)('$file is a $size x $size PNG', ({ file, size, opaque }) => {
    const header = png(file);
    expect([header.width, header.height]).toEqual([size, size]);
    // Chromium writes RGB when every pixel is opaque, RGBA otherwise.
    expect(header.colorType).toBe(opaque ? 2 : 6);
  });

  it('the rounded icons have transparent corners', () => {
    for (const file of ['icon-192.png', 'icon-512.png']) {
      const rows = decodeRows(png(file));
      expect(rows[0][3]).toBe(0);
    }
  });

  it('the maskable icon keeps everything but the background inside the central 80 % circle', () => {
    const header = png('icon-maskable-512.png');
    const rows = decodeRows(header);
    const n = header.width;
    const background = Array.from(rows[0].subarray(0, 3));
    let farthest = 0;
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const px = rows[y].subarray(x * 3, x * 3 + 3);
        if (px[0] !== background[0] || px[1] !== background[1] || px[2] !== background[2])
          farthest = Math.max(farthest, Math.hypot(x + 0.5 - n / 2, y + 0.5 - n / 2));
      }
    expect(farthest).toBeGreaterThan(0.3 * n); // the mark is there and not tiny
    expect(farthest).toBeLessThanOrEqual(0.4 * n);
  });
});
