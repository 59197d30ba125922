/**
 * The security headers of every response, used by next.config.js `headers()` (plain JavaScript, so the
 * config can import it without a build step). One place to read the whole policy, with the reason for
 * every directive.
 *
 * Why no nonces: a nonce needs a proxy (middleware) that makes a fresh one per request and forces every
 * page to render dynamically. Next's App Router writes its bootstrap and the RSC payload as inline
 * `<script>self.__next_f.push(...)</script>` tags whose content changes per request, so hashes cannot
 * list them either. Without a nonce the strictest script policy that works is `'self' 'unsafe-inline'`;
 * `script-src-attr 'none'` then still blocks inline event handlers (`<img onerror=...>`), the usual
 * payload of an HTML injection, because React never renders `on*` attributes.
 */

/**
 * @param {{ development?: boolean }} [options] `development`: `next dev` (React needs eval for its
 *   debugging stack traces, and the dev overlay injects `<style>` elements).
 * @returns {string} the Content-Security-Policy header value
 */
export function contentSecurityPolicy({ development = false } = {}) {
  /** @type {[string, string[]][]} */
  const directives = [
    // Anything not named below (fonts, media, frames, workers, manifests) only from this server.
    ["default-src", ["'self'"]],
    // Our own chunks, plus Next's inline bootstrap/RSC payload scripts (see above). 'unsafe-eval' only in
    // `next dev`: React uses eval there for its debugging stacks; production builds never eval.
    ["script-src", ["'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])]],
    // Inline event-handler attributes (onclick=, onerror=) are never ours: blocks injected handlers.
    ["script-src-attr", ["'none'"]],
    // Fallback for browsers without -elem/-attr: our CSS file plus inline style attributes.
    ["style-src", ["'self'", "'unsafe-inline'"]],
    // `<style>`/`<link rel=stylesheet>` elements: only our Tailwind CSS file (no injected style sheets).
    // The dev overlay of `next dev` injects `<style>` elements, so development allows them.
    ["style-src-elem", ["'self'", ...(development ? ["'unsafe-inline'"] : [])]],
    // `style="..."` attributes: Recharts positions tooltips and legends with them, charts set their
    // colour variables with them, React renders `style` props as attributes on the server.
    ["style-src-attr", ["'unsafe-inline'"]],
    // data: for small inline images (SVG icons in CSS); blob: for the chart export, which draws the chart's
    // SVG into a canvas through an <img> with a blob: URL (components/charts/chart-export-menu.tsx).
    ["img-src", ["'self'", "data:", "blob:"]],
    // Fonts are system fonts or our own files.
    ["font-src", ["'self'"]],
    // fetch() only to our own API (upload, status polling, RSC requests); `next dev`'s HMR websocket is
    // same-origin too.
    ["connect-src", ["'self'"]],
    // Web Workers only from our own chunks: the import page reads Excel workbooks in one
    // (components/import/read-workbook.worker.ts), which Turbopack emits as a same-origin file (no blob:).
    ["worker-src", ["'self'"]],
    // No plugins (<object>, <embed>) at all.
    ["object-src", ["'none'"]],
    // An injected <base href> cannot point relative URLs (scripts, forms) elsewhere.
    ["base-uri", ["'self'"]],
    // Forms (server actions, the filter bar's GET form) post only to this server.
    ["form-action", ["'self'"]],
    // No page of ours embeds frames.
    ["frame-src", ["'none'"]],
    // No site may frame ours (clickjacking); X-Frame-Options says the same to old browsers.
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}

/**
 * Browser features the dashboard never uses are switched off for it and anything it might load;
 * fullscreen stays for presentation mode (/present).
 */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "fullscreen=(self)",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

/** Two years, the value the HSTS preload list asks for. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * The headers of every response.
 *
 * @param {{ development?: boolean }} [options]
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders({ development = false } = {}) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ development }) },
    // Browsers take the declared Content-Type (a CSV export is never run as a script or page).
    { key: "X-Content-Type-Options", value: "nosniff" },
    // URLs carry customer names (?q=) and filters: other sites never see them, not even the path.
    { key: "Referrer-Policy", value: "same-origin" },
    // frame-ancestors 'none' for browsers that do not read CSP level 2.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    // A window we open (or that opens us) gets no handle on ours (cross-window attacks, Spectre).
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Our responses (CSV, PDF, JSON) may not be embedded by other sites' pages.
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  ];
}

/**
 * `Strict-Transport-Security` for requests that reached us over HTTPS. The app serves plain HTTP itself
 * (the demo runs on http://localhost); behind a TLS-terminating proxy the request carries
 * `X-Forwarded-Proto: https`, and only then is the header sent. Browsers ignore HSTS over plain HTTP
 * anyway (RFC 6797 §8.1), and sending it for localhost could pin `localhost` to HTTPS for other
 * development servers on the same machine.
 *
 * @returns {{ key: string, value: string }}
 */
export function strictTransportSecurity() {
  return { key: "Strict-Transport-Security", value: `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` };
}
