import type { Tissue } from './types';

/** Tissues in code order: the classifier returns an index into this list (no allocation per sample). */
export const TISSUES: readonly Tissue[] = [
  'air',
  'skin',
  'fat',
  'muscle',
  'cortical',
  'cancellous',
  'disc',
  'canal',
  'foramen',
  'lung',
  'bowelGas',
];

/** Integer code per tissue (index into TISSUES). */
export const CODE = {
  air: 0,
  skin: 1,
  fat: 2,
  muscle: 3,
  cortical: 4,
  cancellous: 5,
  disc: 6,
  canal: 7,
  foramen: 8,
  lung: 9,
  bowelGas: 10,
} as const satisfies Record<Tissue, number>;

/**
 * Codes the imaging classifier adds for bone whose attenuation differs from plain cancellous bone;
 * the tissue classifier (tissueAt, the trocar) reports them as cancellous, except the subcortical
 * shell, which it reports as cortical.
 */
export const IMAGING_CODE = {
  /** A fracture line through the superior endplate: haematoma / marrow, no trabeculae. */
  fractureGap: 11,
  /** The impaction band under a fractured endplate: trabeculae compressed together (denser). */
  impacted: 12,
  /** Lytic (tumour) tissue replacing bone around a malignant cortical defect. */
  lytic: 13,
  /** Subchondral bone: the denser trabeculae just under each endplate's cortex (imaging only). */
  subchondral: 14,
  /** The denser trabeculae just inside the body's side wall, which shows as a wall line seen edge-on. */
  wallRim: 15,
  /** Set cement of an earlier augmentation at another level (priorCement.ts). */
  priorCement: 16,
  /**
   * The inner part of the body's side-wall shell: condensed trabeculae under the thin cortex. The
   * one imaging code the tissue classifier reports as cortical (it is part of the mechanical shell).
   */
  subcorticalShell: 17,
} as const;

/** Number of imaging codes (tissue codes plus IMAGING_CODE). */
export const IMAGING_CODE_COUNT = 18;
