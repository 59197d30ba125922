/**
 * Which address a request comes from, for the sign-in rate limit (better-auth reads `x-forwarded-for`).
 * Plain JavaScript, so that the production server (scripts/front-server.mjs) runs it without a build step.
 *
 * The socket's address is the only one nobody can forge. A proxy in front (nginx, a load balancer) appends
 * the address it saw to `X-Forwarded-For`, so the chain is read from the right: while the hop that handed
 * the request on is a trusted proxy (KLANTWAARDE_TRUSTED_PROXIES), the entry it added names the hop before
 * it. The first address that is not a trusted proxy is the client. Entries left of it were written by the
 * client itself and are ignored. Without trusted proxies the headers are never read.
 */
import { BlockList, isIP } from "node:net";

/**
 * An address as written in a header or by Node: `::ffff:203.0.113.7` (IPv4 on an IPv6 socket) and
 * `203.0.113.7:51234` become `203.0.113.7`, `[2001:db8::1]:443` becomes `2001:db8::1`; null when it is
 * not an IP address (`unknown`, a host name, garbage).
 *
 * @param {string | undefined | null} text
 * @returns {string | null}
 * @example normaliseAddress("::ffff:127.0.0.1") // "127.0.0.1"
 */
export function normaliseAddress(text) {
  if (!text) return null;
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:[\d.]+$/i.test(address)) address = address.slice(7);
  const version = isIP(address);
  if (version === 0) return null;
  return version === 6 ? address.toLowerCase() : address;
}

/** Raised when KLANTWAARDE_TRUSTED_PROXIES holds something that is not an IP address or CIDR range. */
export class TrustedProxiesError extends Error {
  /** @param {string} entry */
  constructor(entry) {
    super(`KLANTWAARDE_TRUSTED_PROXIES: '${entry}' is not an IP address or a CIDR range (such as 10.0.0.0/8 or 2001:db8::/32).`);
    this.name = "TrustedProxiesError";
  }
}

/**
 * The trusted proxies from KLANTWAARDE_TRUSTED_PROXIES' text (comma-separated IP addresses and CIDR ranges).
 * Throws {@link TrustedProxiesError} for an entry that is neither, rather than trusting less (or more) than
 * was meant.
 *
 * @param {string | undefined} text
 * @returns {{ entries: string[]; list: BlockList }}
 * @example parseTrustedProxies("10.0.0.0/8, 127.0.0.1").entries // ["10.0.0.0/8", "127.0.0.1"]
 */
export function parseTrustedProxies(text) {
  const list = new BlockList();
  const entries = (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [base, prefixText, extra] = entry.split("/");
    const address = normaliseAddress(base);
    const version = address ? isIP(address) : 0;
    if (!address || extra !== undefined) throw new TrustedProxiesError(entry);
    const type = version === 6 ? "ipv6" : "ipv4";
    if (prefixText === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if (prefix < 0 || prefix > (version === 6 ? 128 : 32)) throw new TrustedProxiesError(entry);
    list.addSubnet(address, prefix, type);
  }
  return { entries, list };
}

/**
 * @param {string} address a normalised address
 * @param {BlockList} trusted
 */
function isTrusted(address, trusted) {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's, or, when the socket belongs to a trusted proxy, the rightmost
 * `X-Forwarded-For` entry that is not a trusted proxy (`X-Real-IP` when the proxy sends only that).
 * An entry that is not an address stops the walk at the last hop that could be vouched for.
 *
 * @param {{ socketAddress: string | undefined; forwardedFor?: string | string[] | undefined; realIp?: string | string[] | undefined; trustedProxies: BlockList }} request
 * @returns {string | null} null only when the socket has no address (it was closed)
 * @example
 * const trustedProxies = parseTrustedProxies("10.0.0.0/8").list;
 * clientAddress({ socketAddress: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.7", trustedProxies }) // "198.51.100.7"
 * clientAddress({ socketAddress: "198.51.100.9", forwardedFor: "1.2.3.4", trustedProxies }) // "198.51.100.9"
 */
export function clientAddress({ socketAddress, forwardedFor, realIp, trustedProxies }) {
  let client = normaliseAddress(socketAddress);
  if (!client || !isTrusted(client, trustedProxies)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) {
    const real = normaliseAddress(Array.isArray(realIp) ? realIp[0] : realIp);
    return real ?? client;
  }
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normaliseAddress(hops[index]);
    if (!hop) return client;
    client = hop;
    if (!isTrusted(hop, trustedProxies)) return hop;
  }
  return client; // every hop is a trusted proxy: the farthest one
}
