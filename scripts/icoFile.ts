/**
 * An ICO file (the format of /favicon.ico) holding PNG images, as Windows Vista and every current
 * browser read it: a 6-byte header (reserved 0, type 1 = icon, image count), one 16-byte directory
 * entry per image (width and height, 0 meaning 256; no palette; 1 plane; 32 bits per pixel; the
 * byte length and offset of its data), then the PNG files themselves, unchanged. Layout as in
 * Microsoft's description of the icon resource format.
 */
export function icoFile(images: readonly { readonly size: number; readonly png: Uint8Array }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new Error(`an icon is 1 to 256 px, not ${size}`);
    const entry = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, entry);
    header.writeUInt8(size === 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => Buffer.from(i.png))]);
}
