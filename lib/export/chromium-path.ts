import { existsSync } from "node:fs";

/**
 * Debian's headless shell (package `chromium-headless-shell`): Chromium's engine without the desktop browser's
 * window, GPU and extension processes. It needs about half the CPU per page (the browser tests on two cores:
 * 108 s of Chromium CPU with the desktop build, 55 s with this one, for the same 24 tests).
 */
export const HEADLESS_SHELL_PATH = "/usr/bin/chromium-headless-shell";
/** Debian's desktop Chromium (package `chromium`), used when the headless shell is not installed. */
export const DESKTOP_CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * The Chromium that prints the PDF report and runs the browser tests: CHROMIUM_PATH when set, else the headless shell
 * when installed, else the desktop Chromium.
 */
export function chromiumPath(env: Partial<NodeJS.ProcessEnv> = process.env, exists: (path: string) => boolean = existsSync): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return exists(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : DESKTOP_CHROMIUM_PATH;
}
