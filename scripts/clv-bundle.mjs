/**
 * The prebuilt command line: `scripts/clv.ts` and the import's reader thread bundled by esbuild into
 * `.build/clv-<stamp>/` (not committed), so that `npm run clv` starts without compiling TypeScript on every
 * call. A bundle is used only while every source file it was built from has the size and modification
 * time it had then; any change rebuilds it (about 0.4 s) on the next call, so a fresh clone's first call
 * builds it and an edited source is never run stale.
 *
 * Plain JavaScript: it runs before anything can compile TypeScript.
 */
import fs from "node:fs";
import path from "node:path";

/** How many stale bundles may be kept by another process still running from them (their age in ms). */
const STALE_BUNDLE_KEEP_MS = 60 * 60 * 1000;

/**
 * The files and sizes a bundle was built from, as recorded beside it.
 * @param {string} root the project folder
 * @param {string[]} inputs paths relative to root
 * @returns {Record<string, [number, number]>} path -> [mtimeMs, size]
 * @example sourceStamps("/repo", ["scripts/clv.ts"]) // { "scripts/clv.ts": [1765000000000, 2817] }
 */
export function sourceStamps(root, inputs) {
  /** @type {Record<string, [number, number]>} */
  const stamps = {};
  for (const input of inputs) {
    const stat = fs.statSync(path.join(root, input));
    stamps[input] = [stat.mtimeMs, stat.size];
  }
  return stamps;
}

/**
 * The first source that differs from its recorded stamp (changed, resized or deleted), or null when the
 * bundle still matches its sources. A stat per file: about 2 ms for the command line's ~160 files.
 * @param {string} root
 * @param {Record<string, [number, number]>} stamps
 * @returns {string | null}
 * @example changedSource("/repo", { "scripts/clv.ts": [1765000000000, 2817] }) // null, or "scripts/clv.ts"
 */
export function changedSource(root, stamps) {
  for (const [input, [mtimeMs, size]] of Object.entries(stamps)) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, input));
    } catch {
      return input;
    }
    if (stat.mtimeMs !== mtimeMs || stat.size !== size) return input;
  }
  return null;
}

/**
 * Builds the bundle with esbuild: ESM for Node 20, packages left to Node (node_modules is resolved at run
 * time, so installing packages needs no rebuild), the `react-server` condition kept (as `tsx
 * --conditions=react-server` resolved it), one chunk per command (`clv score` loads only what it uses).
 * @param {{ root: string, entryPoints: Record<string, string>, outdir: string }} options
 * @returns {Promise<Record<string, [number, number]>>} the stamps of the sources read
 */
export async function buildBundle({ root, entryPoints, outdir }) {
  const esbuild = await import("esbuild");
  const startedMs = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    conditions: ["react-server"],
    sourcemap: true,
    metafile: true,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/"));
  if (fs.existsSync(path.join(root, "tsconfig.json"))) inputs.push("tsconfig.json"); // its paths steer the resolution
  const stamps = sourceStamps(root, inputs);
  // A file saved while esbuild ran may be in the bundle as it was before: stamp it so that it counts as changed.
  for (const stamp of Object.values(stamps)) if (stamp[0] >= startedMs) stamp[0] = 0;
  return stamps;
}

/**
 * The folder of an up-to-date bundle under `buildRoot`, built first when missing or stale. Safe with
 * several processes at once: each build goes to its own folder and `current.json` is replaced by a rename,
 * so a process never sees half a bundle; bundles older than an hour that are no longer current are removed.
 * @param {{ root: string, buildRoot: string, entryPoints: Record<string, string>, onBuild?: (reason: string) => void }} options
 * @returns {Promise<string>}
 * @example await freshBundle({ root: "/repo", buildRoot: "/repo/.build", entryPoints: { clv: "scripts/clv.ts" } }) // "/repo/.build/clv-m4x2k-1234"
 */
export async function freshBundle({ root, buildRoot, entryPoints, onBuild }) {
  const pointer = path.join(buildRoot, "current.json");
  /** @type {{ folder: string, stamps: Record<string, [number, number]>, entries: string } | null} */
  let current = null;
  try {
    current = JSON.parse(fs.readFileSync(pointer, "utf8"));
  } catch {
    current = null;
  }
  const entries = JSON.stringify(entryPoints);
  if (current && current.entries === entries && fs.existsSync(path.join(buildRoot, current.folder))) {
    const changed = changedSource(root, current.stamps);
    if (changed === null) return path.join(buildRoot, current.folder);
    onBuild?.(`${changed} changed`);
  } else {
    onBuild?.("no bundle yet");
  }
  const folder = `clv-${Date.now().toString(36)}-${process.pid}`;
  const stamps = await buildBundle({ root, entryPoints, outdir: path.join(buildRoot, folder) });
  const temporary = `${pointer}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify({ folder, entries, stamps }));
  fs.renameSync(temporary, pointer);
  removeOldBundles(buildRoot, folder);
  return path.join(buildRoot, folder);
}

/** Removes bundle folders other than `keep` that are older than an hour (a running process may still load chunks). */
function removeOldBundles(buildRoot, keep) {
  for (const entry of fs.readdirSync(buildRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === keep || !entry.name.startsWith("clv-")) continue;
    const folder = path.join(buildRoot, entry.name);
    try {
      if (Date.now() - fs.statSync(folder).mtimeMs > STALE_BUNDLE_KEEP_MS) fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}
