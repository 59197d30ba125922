/** Types of client-address.mjs (plain JavaScript so that scripts/front-server.mjs runs it without a build step). */
import type { BlockList } from "node:net";

export function normaliseAddress(text: string | undefined | null): string | null;
export class TrustedProxiesError extends Error {
  constructor(entry: string);
}
export function parseTrustedProxies(text: string | undefined): { entries: string[]; list: BlockList };
export function clientAddress(request: {
  socketAddress: string | undefined;
  forwardedFor?: string | string[] | undefined;
  realIp?: string | string[] | undefined;
  trustedProxies: BlockList;
}): string | null;
