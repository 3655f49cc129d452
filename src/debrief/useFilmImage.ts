import { useEffect, useState } from 'react';
import type { ReplayClient } from '../replay/replayClient';
import type { FilmImage } from '../replay/filmImager';

/** Images already asked of each client, so stepping back and forth re-makes none twice. */
const made = new WeakMap<ReplayClient, Map<number, Promise<FilmImage>>>();

function imagesOf(client: ReplayClient): Map<number, Promise<FilmImage>> {
  const known = made.get(client);
  if (known) return known;
  const byIndex = new Map<number, Promise<FilmImage>>();
  made.set(client, byIndex);
  return byIndex;
}

function imageOf(client: ReplayClient, index: number): Promise<FilmImage> {
  const byIndex = imagesOf(client);
  let p = byIndex.get(index);
  if (!p) {
    p = client.image(index);
    byIndex.set(index, p);
    // A failed image may be asked again.
    p.catch(() => byIndex.delete(index));
  }
  return p;
}

export type FilmImageState =
  | { readonly status: 'none' }
  | { readonly status: 'building' }
  | { readonly status: 'ready'; readonly image: FilmImage }
  | { readonly status: 'failed'; readonly error: string };

/** One re-made image of the film (index null: none yet), from the replay worker. */
export function useFilmImage(client: ReplayClient | null, index: number | null): FilmImageState {
  const [state, setState] = useState<FilmImageState>({ status: 'none' });
  useEffect(() => {
    if (!client || index === null) {
      setState({ status: 'none' });
      return;
    }
    let live = true;
    setState((s) => (s.status === 'ready' && s.image.index === index ? s : { status: 'building' }));
    imageOf(client, index).then(
      (image) => live && setState({ status: 'ready', image }),
      (err) => live && setState({ status: 'failed', error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [client, index]);
  return state;
}
