// Writes docs/scenarios.md from the scenario files (scenarioCatalogue.ts), and each case's
// pre-operative lateral for patient 1 as docs/images/scenarios/<id>.png: npm run catalogue
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderPreopRadiograph } from '../../sim/imaging';
import { createSession } from '../../sim/session';
import { encodeGreyPng } from '../pngEncode';
import { CATALOGUE_PATH, catalogueMarkdown, filmPath, loadLibrary } from './scenarioCatalogue';

const library = loadLibrary();
writeFileSync(CATALOGUE_PATH, catalogueMarkdown(library));
for (const s of library) {
  const seed = 1;
  const film = renderPreopRadiograph(createSession(s, seed).snapshot().anatomy, seed);
  mkdirSync(dirname(filmPath(s.id)), { recursive: true });
  writeFileSync(filmPath(s.id), encodeGreyPng(film.grey, film.sizePx, film.sizePx));
}
console.log(`wrote ${CATALOGUE_PATH} and ${library.length} films`);
