import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { appSourcesHash, isBuildOfSources, recordBuildSources } from "./app-build-stamp";

const project = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-build-stamp-"));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(project, relative)), { recursive: true });
  fs.writeFileSync(path.join(project, relative), text);
}

describe("npm run demo builds only when the sources changed (scripts/app-build-stamp.ts)", () => {
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("lib/clv/score.ts", "export const one = 1;\n");
  write("package.json", "{}\n");

  test("the hash follows the sources' contents, not tests, databases, data or build output", () => {
    const before = appSourcesHash(project, {});
    write("lib/clv/score.test.ts", "test('x', () => {});\n");
    write("data/klantwaarde.db", "rows");
    write(".next/BUILD_ID", "abc");
    write("node_modules/x/index.js", "module.exports = 1;\n");
    write("README.md", "# notes\n");
    write("scripts/clv.ts", "export {};\n");
    fs.utimesSync(path.join(project, "app/page.tsx"), new Date(), new Date(Date.now() + 60_000)); // touched, same content
    expect(appSourcesHash(project, {})).toBe(before);

    write("lib/clv/score.ts", "export const one = 2;\n");
    expect(appSourcesHash(project, {})).not.toBe(before);
    write("lib/clv/score.ts", "export const one = 1;\n");
    expect(appSourcesHash(project, {})).toBe(before);
    write("components/new-chart.tsx", "export {};\n");
    expect(appSourcesHash(project, {})).not.toBe(before);
    expect(appSourcesHash(project, { NEXT_PUBLIC_MODE: "x" })).not.toBe(appSourcesHash(project, {}));
  });

  test("a build counts as current only with its BUILD_ID and the hash recorded after it", () => {
    const distDir = path.join(project, ".next-stamp");
    const hash = appSourcesHash(project, {});
    fs.mkdirSync(distDir);
    expect(isBuildOfSources(distDir, hash)).toBe(false);
    recordBuildSources(distDir, hash);
    expect(isBuildOfSources(distDir, hash)).toBe(false); // no BUILD_ID: an interrupted build
    fs.writeFileSync(path.join(distDir, "BUILD_ID"), "abc");
    expect(isBuildOfSources(distDir, hash)).toBe(true);
    write("lib/clv/score.ts", "export const one = 3;\n");
    expect(isBuildOfSources(distDir, appSourcesHash(project, {}))).toBe(false);
  });
});
