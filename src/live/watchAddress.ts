const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The attempt an address asks to watch live (`?watch=<attempt id>`): a bookmark or a link from the
 * instructor's dashboard opens the live viewer at once. Anything but a UUID is no attempt id: null.
 */
export function watchedAttemptOf(search: string): string | null {
  const id = new URLSearchParams(search).get('watch');
  return id !== null && UUID.test(id) ? id.toLowerCase() : null;
}
