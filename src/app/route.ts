/** The URL names the open map: #/map/<id>. A hash route works on any static host. */
const PREFIX = '#/map/';

export function mapIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  const id = decodeURIComponent(hash.slice(PREFIX.length));
  return id || null;
}

export function hashForMap(id: string): string {
  return `${PREFIX}${encodeURIComponent(id)}`;
}
