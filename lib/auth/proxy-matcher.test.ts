import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, test } from "vitest";
import { config } from "@/proxy";

describe("the proxy's matcher", () => {
  test("sees pages, so a request without a session goes to /sign-in before anything renders", () => {
    for (const url of ["/", "/customers/7", "/segments/rfm/champions?tier=1", "/admin/audit", "/settings"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
    }
  });

  test("never sees /api/: Next would buffer (and cut at 10 MB) the body of an upload it passed through", () => {
    for (const url of ["/api/imports?kind=transactions&fileName=a.csv", "/api/customers/export", "/api/health", "/api/auth/sign-in/email"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
    }
  });
});
