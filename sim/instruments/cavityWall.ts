/**
 * What the wall of the cavity is to the cement that fills it (README "Other cavity devices"):
 *
 * - `compacted`: bone the balloon or the ball tamp crushed, whose pores are denser than the bone
 *   beyond (the cement model raises their entry pressure, `CEMENT_MODEL.cavityCompactionFactor`);
 * - `mesh`: the pores of a mesh container. Cement leaves the container only through them: their
 *   conductance, all together once the container is full, and those of the patch pressed on an
 *   opening of the body when the container lies against one.
 */
export type CavityWall =
  | { readonly kind: 'compacted' }
  | {
      readonly kind: 'mesh';
      /** Conductance of all the pores together, m^3 (Poiseuille, cavityDevices.ts). */
      readonly poresConductanceM3: number;
      /** Conductance of the pores in the patch of wall one lattice cell's face covers, m^3. */
      readonly patchConductanceM3: number;
    };

export const COMPACTED_WALL: CavityWall = { kind: 'compacted' };
