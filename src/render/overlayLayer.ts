import type { Overlay } from './overlayText';

/** Slots of the monitor's text overlay. */
export type OverlaySlot = keyof Overlay | 'centre';

/**
 * The monitor's text overlay as DOM text over the canvas, not Pixi text in it: under a software
 * GPU eight Pixi texts cost about half a bare full-screen pass per frame (and re-rasterise when
 * the dose figures change), while DOM text costs the canvas nothing and stays crisp and readable
 * by assistive technology. Positions mirror the old anchors: corners, orientation letters at the
 * left and right edges, the cranial marker at the top, NO IMAGE in the centre.
 */
export function createOverlayLayer(host: HTMLElement): { set(slot: OverlaySlot, text: string): void; destroy(): void } {
  // The layer is positioned against the host: make it a containing block unless it already is one.
  const position = getComputedStyle(host).position;
  if (position === 'static' || position === '') host.style.position = 'relative';
  const layer = document.createElement('div');
  layer.className = 'xray-overlay';
  // The canvas is scaled by CSS to whatever size the monitor has, so the overlay is laid out in
  // fractions of its own box (container units), not in canvas pixels.
  Object.assign(layer.style, {
    position: 'absolute',
    inset: '0',
    containerType: 'size',
    pointerEvents: 'none',
    color: '#dadada',
    fontFamily: 'monospace',
    lineHeight: '1.2',
    whiteSpace: 'pre',
  });
  // Container units resolve against the nearest container ancestor: the layer for its spans.
  const m = '2%';
  const text = 'max(9px, 2.5cqw)';
  const big = 'max(14px, 5cqw)';
  const place: Record<OverlaySlot, Partial<CSSStyleDeclaration>> = {
    topLeft: { left: m, top: m, fontSize: text },
    topRight: { right: m, top: m, fontSize: text, textAlign: 'right' },
    bottomLeft: { left: m, bottom: m, fontSize: text },
    bottomRight: { right: m, bottom: m, fontSize: text },
    leftMarker: { left: '6%', top: '50%', transform: 'translateY(-50%)', fontSize: big },
    rightMarker: { right: '6%', top: '50%', transform: 'translateY(-50%)', fontSize: big },
    topMarker: { left: '50%', top: '7%', transform: 'translateX(-50%)', fontSize: text },
    centre: { left: '50%', top: '50%', transform: 'translate(-50%, -50%)', fontSize: 'max(12px, 3.75cqw)' },
  };
  const spans = new Map<OverlaySlot, HTMLSpanElement>();
  for (const [slot, style] of Object.entries(place) as [OverlaySlot, Partial<CSSStyleDeclaration>][]) {
    const span = document.createElement('span');
    span.dataset.slot = slot;
    Object.assign(span.style, { position: 'absolute' }, style);
    layer.appendChild(span);
    spans.set(slot, span);
  }
  host.appendChild(layer);
  return {
    set(slot, text) {
      const span = spans.get(slot);
      if (!span) throw new Error(`X-ray overlay: no text slot "${slot}"`);
      if (span.textContent !== text) span.textContent = text;
    },
    destroy() {
      layer.remove();
    },
  };
}
