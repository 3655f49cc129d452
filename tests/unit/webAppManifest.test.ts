import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_APP_MANIFEST } from '../../src/pwa/webAppManifest';

describe('the web app manifest', () => {
  it('makes the app installable: a name, a start address, standalone, and the required icon sizes', () => {
    expect(WEB_APP_MANIFEST.name).toMatch(/KyphoSim/);
    expect(WEB_APP_MANIFEST.short_name).toBe('KyphoSim');
    expect(WEB_APP_MANIFEST.start_url).toBe('/');
    expect(WEB_APP_MANIFEST.display).toBe('standalone');
    const sizes = (WEB_APP_MANIFEST.icons ?? []).filter((i) => i.type === 'image/png').map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(WEB_APP_MANIFEST.icons?.some((i) => i.purpose === 'maskable')).toBe(true);
  });

  it('points only at icons of assets/ (served from the site root, precached with the app)', () => {
    for (const icon of WEB_APP_MANIFEST.icons ?? []) {
      expect(icon.src).toMatch(/^\/icons\//);
      expect(existsSync(`assets${icon.src}`)).toBe(true);
    }
  });
});
