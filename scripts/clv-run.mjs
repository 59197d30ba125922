/**
 * What `npm run clv` runs: the prebuilt command line (scripts/clv-bundle.mjs), rebuilt first when a source
 * changed, in this same process. Start with `node --conditions=react-server` (the packages the bundle leaves
 * to Node resolve as under tsx). Without esbuild (an install without it) it runs scripts/clv.ts through tsx.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshBundle } from "./clv-bundle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entryPoints = { clv: "scripts/clv.ts", "read-rows-worker": "lib/import/store/read-rows-worker.ts" };

const folder = await freshBundle({ root, buildRoot: path.join(root, ".build"), entryPoints }).catch((error) => {
  const noEsbuild = error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("esbuild");
  const readOnly = ["EACCES", "EPERM", "EROFS"].includes(error?.code);
  if (!noEsbuild && !readOnly) throw error;
  process.stderr.write(`clv: ${noEsbuild ? "esbuild is not installed" : "cannot write .build/"}; running through tsx (slower start)\n`);
  return null;
});
if (folder) {
  await import(pathToFileURL(path.join(folder, "clv.js")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, "scripts", "clv.ts")).href);
}
