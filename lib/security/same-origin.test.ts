import { describe, expect, test } from "vitest";
import { isForeignOrigin } from "./same-origin";

const request = (method: string, headers: Record<string, string>) => isForeignOrigin(method, new Headers(headers));

describe("isForeignOrigin", () => {
  test.each([
    ["POST", { host: "127.0.0.1:3100", origin: "http://127.0.0.1:3100" }, false],
    ["POST", { host: "127.0.0.1:3100", origin: "http://evil.example" }, true],
    ["POST", { host: "127.0.0.1:3100", origin: "http://127.0.0.1:3101" }, true], // another port is another site
    ["POST", { host: "127.0.0.1:3100", origin: "null" }, true],
    ["POST", { host: "127.0.0.1:3100" }, false], // no Origin: not a browser's cross-site form
    ["PUT", { host: "kw.example", origin: "https://kw.example" }, false],
    ["DELETE", { host: "kw.example", origin: "https://other.example" }, true],
    ["GET", { host: "kw.example", origin: "https://other.example" }, false],
    ["HEAD", { host: "kw.example", origin: "https://other.example" }, false],
    ["POST", { host: "internal:3000", "x-forwarded-host": "kw.example", origin: "https://kw.example" }, false], // behind a proxy
    ["POST", { host: "kw.example", "x-forwarded-host": "kw.example", origin: "https://KW.example" }, false],
    ["POST", { origin: "https://kw.example" }, true], // nothing to compare with
  ])("%s with %j: foreign %s", (method, headers, foreign) => {
    expect(request(method, headers)).toBe(foreign);
  });
});
