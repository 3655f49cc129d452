/** Messages between the editor and its preview worker (previewWorker.ts). */
export interface PreviewRequest {
  readonly requestId: number;
  readonly scenario: unknown;
  readonly seed: number;
}

export type PreviewResponse =
  | { readonly requestId: number; readonly ok: true; readonly ap: Uint8Array; readonly lateral: Uint8Array }
  | { readonly requestId: number; readonly ok: false; readonly error: string };
