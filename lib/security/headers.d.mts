/** Types of headers.mjs (plain JavaScript so that next.config.js can import it). */
export interface HeaderEntry {
  key: string;
  value: string;
}
export function contentSecurityPolicy(options?: { development?: boolean }): string;
export function securityHeaders(options?: { development?: boolean }): HeaderEntry[];
export function strictTransportSecurity(): HeaderEntry;
export const HSTS_MAX_AGE_SECONDS: number;
