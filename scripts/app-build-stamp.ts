/**
 * Whether the app's production build (`next build`) is of the sources as they are now: a SHA-256 of every
 * source file's path and content (and the NEXT_PUBLIC_ variables, which are built in) is recorded beside
 * the build, and `npm run demo` builds again only when it differs. Contents, not modification times: a
 * `git checkout` or a fresh copy touches every file without changing what the build would be.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Folders that are not sources of the app: packages, outputs, data, tests and tooling (scripts/ holds the
 * command line and the servers, which the app never imports).
 */
const NOT_SOURCES = new Set(["node_modules", ".git", ".build", ".scratch", "data", "e2e", "scripts", "out", "screenshots", "bench-results", "coverage"]);
/** Files the build does not read: tests, documentation, databases, caches, generated types. */
const NOT_SOURCE_FILE = /(\.test\.tsx?|\.test-helpers\.tsx?|\.md|\.db|\.db-shm|\.db-wal|\.tsbuildinfo|^next-env\.d\.ts)$/;
const STAMP_FILE = "klantwaarde-sources.sha256";

function isExcludedFolder(name: string): boolean {
  return NOT_SOURCES.has(name) || name.startsWith(".next") || name.startsWith("test-results") || name.startsWith("playwright-report");
}

/** Every source file under `root`, relative and sorted (so the hash does not depend on the file system's order). */
function sourceFiles(root: string, folder = ""): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!isExcludedFolder(entry.name)) files.push(...sourceFiles(root, relative));
    } else if (entry.isFile() && !NOT_SOURCE_FILE.test(entry.name)) {
      files.push(relative);
    }
  }
  return files.sort();
}

/**
 * The SHA-256 of the app's sources under `root`: each file's relative path and content, and the
 * NEXT_PUBLIC_ variables of `env`. About 50 ms for the project's ~700 files.
 * @example appSourcesHash("/srv/klantwaarde") // "3f1c…" (64 hex digits); the same until a source changes
 */
export function appSourcesHash(root: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const hash = crypto.createHash("sha256");
  for (const file of sourceFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  for (const name of Object.keys(env).filter((key) => key.startsWith("NEXT_PUBLIC_")).sort()) hash.update(`${name}=${env[name]}\0`);
  return hash.digest("hex");
}

/**
 * Whether `distDir` holds a complete build (its BUILD_ID) whose recorded sources hash is `sourcesHash`.
 * @example isBuildOfSources(".next", appSourcesHash(".")) // false before the first `recordBuildSources`
 */
export function isBuildOfSources(distDir: string, sourcesHash: string): boolean {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(path.join(distDir, STAMP_FILE), "utf8").trim() === sourcesHash;
  } catch {
    return false;
  }
}

/** Records, after a successful build into `distDir`, the hash of the sources it was built from. */
export function recordBuildSources(distDir: string, sourcesHash: string): void {
  fs.writeFileSync(path.join(distDir, STAMP_FILE), `${sourcesHash}\n`);
}
