/**
 * A database or Redis address for logs and messages: any password in it replaced by `***`. Read as text, not
 * with URL, so a Redis Cluster address (`redis-cluster://a:6379,b:6379`) is redacted too.
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_match, scheme: string, credentials: string) => {
    const colon = credentials.indexOf(':');
    return colon < 0 ? `${scheme}${credentials}@` : `${scheme}${credentials.slice(0, colon)}:***@`;
  });
}
