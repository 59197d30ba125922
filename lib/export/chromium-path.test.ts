import { describe, expect, it } from "vitest";
import { chromiumPath, DESKTOP_CHROMIUM_PATH, HEADLESS_SHELL_PATH } from "./chromium-path";

describe("chromiumPath", () => {
  it("takes CHROMIUM_PATH when set, whatever is installed", () => {
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chrome/chrome" }, () => true)).toBe("/opt/chrome/chrome");
  });

  it("prefers the headless shell when it is installed, else the desktop Chromium", () => {
    expect(chromiumPath({}, (path) => path === HEADLESS_SHELL_PATH)).toBe(HEADLESS_SHELL_PATH);
    expect(chromiumPath({}, () => false)).toBe(DESKTOP_CHROMIUM_PATH);
  });
});
