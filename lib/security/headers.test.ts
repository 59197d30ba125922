import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, securityHeaders, strictTransportSecurity } from "./headers.mjs";

/** The policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources];
  }));
}

describe("contentSecurityPolicy", () => {
  test("production: no eval, no inline handlers, no foreign origins", () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get("script-src-attr")).toEqual(["'none'"]);
    expect(policy.get("style-src-elem")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources.some((source) => source === "*" || /^https?:/.test(source))).toBe(false);
    }
  });

  test("development adds only eval for scripts and inline style elements for the dev overlay", () => {
    const production = directives(contentSecurityPolicy());
    const development = directives(contentSecurityPolicy({ development: true }));
    expect(development.get("script-src")).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
    expect(development.get("style-src-elem")).toEqual(["'self'", "'unsafe-inline'"]);
    for (const [name, sources] of production) {
      if (name !== "script-src" && name !== "style-src-elem") expect(development.get(name)).toEqual(sources);
    }
  });
});

describe("securityHeaders", () => {
  test("every header the hardening asks for, once", () => {
    const headers = securityHeaders();
    const names = headers.map((header) => header.key);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.fromEntries(headers.map((header) => [header.key, header.value]))).toMatchObject({
      "Content-Security-Policy": contentSecurityPolicy(),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(headers.find((header) => header.key === "Permissions-Policy")?.value).toMatch(/camera=\(\).*fullscreen=\(self\)/);
    // HSTS is added separately, only for requests that came over HTTPS.
    expect(names).not.toContain("Strict-Transport-Security");
    expect(strictTransportSecurity().value).toBe("max-age=63072000; includeSubDomains");
  });
});
