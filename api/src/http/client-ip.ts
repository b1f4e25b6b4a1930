import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function normalise(address: string | undefined | null): string | null {
  const trimmed = address?.trim();
  if (!trimmed) return null;
  const unmapped = trimmed.toLowerCase().startsWith('::ffff:') ? trimmed.slice(7) : trimmed;
  return isIP(unmapped) ? unmapped : null;
}

function proxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function socketAddress(c: Context): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return normalise(incoming?.socket?.remoteAddress);
}

/**
 * Works out once per request who the client is: the socket's peer, unless that peer is a
 * configured trusted proxy (`TRUSTED_PROXIES`), in which case `X-Forwarded-For` is read from
 * the right, skipping further trusted proxies, up to the first address no proxy of ours wrote.
 * From anyone else the forwarding headers are ignored, so they cannot dodge the login limit
 * or forge the audit log's IP.
 */
export function clientAddressMiddleware(trustedProxies: string[]): MiddlewareHandler<AppEnv> {
  const trusted = proxyList(trustedProxies);
  // With no proxy configured (the default) nobody is trusted, and no BlockList lookup (which
  // builds a SocketAddress each time) is spent on every request.
  const isTrusted =
    trustedProxies.length === 0
      ? () => false
      : (address: string) => trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return async (c, next) => {
    const peer = socketAddress(c);
    let client = peer;
    let viaTrustedProxy = false;
    if (peer && isTrusted(peer)) {
      viaTrustedProxy = true;
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(normalise);
      for (let index = hops.length - 1; index >= 0; index--) {
        const hop = hops[index];
        if (!hop) break; // a malformed hop: stop at the last address we can vouch for
        client = hop;
        if (!isTrusted(hop)) break;
      }
    }
    c.set('clientIp', client);
    c.set('viaTrustedProxy', viaTrustedProxy);
    await next();
  };
}

/** The client's address as worked out by `clientAddressMiddleware` (null when unknown). */
export function clientIp(c: Context): string | null {
  return (c as Context<AppEnv>).get('clientIp') ?? null;
}
