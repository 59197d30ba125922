import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders, strictTransportSecurity } from "./lib/security/headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon and playwright-core (the report's PDF) drives a browser: load them from
  // node_modules at run time, never bundle them.
  serverExternalPackages: ["better-sqlite3", "playwright-core"],
  poweredByHeader: false,
  // A second build folder lets two builds (e.g. a benchmark and the browser tests) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // `npm test` type-checks the whole project first (`tsc --noEmit`); checking again in every build
  // (demo start-up, browser tests) would only cost time.
  typescript: { ignoreBuildErrors: true },
  // Security headers on every response (pages, API routes, files): the policy and its reasons are in
  // lib/security/headers.mjs. `next dev` sets NODE_ENV=development before it reads these.
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders({ development: process.env.NODE_ENV === "development" }) },
      // HSTS only when the request came over HTTPS (a TLS proxy in front); the demo serves plain HTTP.
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [strictTransportSecurity()] },
    ];
  },
};

// English and Dutch: the request configuration reads the language cookie (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
