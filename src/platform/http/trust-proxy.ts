import { isIP } from 'node:net';

/** TRUST_PROXY as configured: how many proxy hops to believe (0: none), or the proxies' own addresses. */
export type ProxyTrust = number | string[];

/** The names proxy-addr understands for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IP address, an IP/prefix CIDR, or one of proxy-addr's range names. */
export function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Fastify's `trustProxy` for our setting. A hop count becomes a function trusting the nearest N
 * addresses (the socket's peer is hop 0): with one proxy, the entry that proxy appended to
 * X-Forwarded-For is the client, and whatever the client wrote before it is ignored. `true` would
 * believe the leftmost entry, which anyone can write, so the log-in limit could be dodged. Fastify
 * 5.12 no longer honours a plain number (it trusts nothing then), hence the function. A hop count
 * assumes the app is reachable only through those proxies; otherwise list their addresses.
 */
export function fastifyTrustProxy(trust: ProxyTrust): false | string[] | ((address: string, hop: number) => boolean) {
  if (Array.isArray(trust)) return trust.length > 0 ? trust : false;
  if (trust <= 0) return false;
  return (_address, hop) => hop < trust;
}
