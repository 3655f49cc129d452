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
