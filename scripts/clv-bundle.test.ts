import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { changedSource, freshBundle } from "./clv-bundle.mjs";

const project = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-bundle-"));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** Runs a built entry with node and returns what it printed. */
function runEntry(folder: string): string {
  return spawnSync(process.execPath, [path.join(folder, "main.js")], { encoding: "utf8" }).stdout.trim();
}

describe("the prebuilt command line (scripts/clv-bundle.mjs)", () => {
  fs.writeFileSync(path.join(project, "package.json"), '{ "type": "module" }');
  fs.writeFileSync(path.join(project, "main.ts"), 'import { word } from "./word";\nconst greeting: string = `hello ${word}`;\nconsole.log(greeting);\n');
  fs.writeFileSync(path.join(project, "word.ts"), 'export const word: string = "one";\n');
  const options = { root: project, buildRoot: path.join(project, ".build"), entryPoints: { main: "main.ts" } };

  test("builds on first use, reuses the bundle while no source changed, rebuilds when an imported file changed", async () => {
    const reasons: string[] = [];
    const first = await freshBundle({ ...options, onBuild: (reason: string) => reasons.push(reason) });
    expect(runEntry(first)).toBe("hello one");
    expect(await freshBundle({ ...options, onBuild: (reason: string) => reasons.push(reason) })).toBe(first);
    expect(reasons).toEqual(["no bundle yet"]);

    fs.writeFileSync(path.join(project, "word.ts"), 'export const word: string = "two";\n');
    const second = await freshBundle({ ...options, onBuild: (reason: string) => reasons.push(reason) });
    expect(second).not.toBe(first);
    expect(reasons).toEqual(["no bundle yet", "word.ts changed"]);
    expect(runEntry(second)).toBe("hello two");
  });

  test("a source with the same size but a new modification time counts as changed; a deleted one too", () => {
    const file = path.join(project, "word.ts");
    const stat = fs.statSync(file);
    expect(changedSource(project, { "word.ts": [stat.mtimeMs, stat.size] })).toBeNull();
    fs.utimesSync(file, new Date(), new Date(stat.mtimeMs + 5000));
    expect(changedSource(project, { "word.ts": [stat.mtimeMs, stat.size] })).toBe("word.ts");
    expect(changedSource(project, { "gone.ts": [stat.mtimeMs, stat.size] })).toBe("gone.ts");
  });
});
