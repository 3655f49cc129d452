// Gzip size of the initial JavaScript: the entry script and its modulepreloads in dist/index.html
// (what the browser must fetch before the menu shows). Run after `npm run build`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const html = readFileSync('dist/index.html', 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const size = (f) => gzipSync(readFileSync(join('dist', f)), { level: 9 }).length;
const all = readdirSync('dist/assets').filter((f) => f.endsWith('.js'));
const rows = initial.map((f) => ({ file: f, gzipKiB: +(size(f) / 1024).toFixed(1) }));
const totalInitial = rows.reduce((s, r) => s + r.gzipKiB, 0);
const totalAll = all.reduce((s, f) => s + size(join('assets', f)), 0) / 1024;
console.log(
  JSON.stringify(
    {
      benchmark: 'initial JavaScript (gzip -9)',
      initial: rows,
      initialGzipKiB: +totalInitial.toFixed(1),
      allChunksGzipKiB: +totalAll.toFixed(1),
      chunks: all.length,
      rawBytesOfLargest: Math.max(...all.map((f) => statSync(join('dist/assets', f)).size)),
    },
    null,
    2,
  ),
);
