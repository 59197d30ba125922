import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { findPostgresBinaries } from "./test-postgres";

const folders: string[] = [];
/** A fake /usr/lib/postgresql with these majors, each with or without its programs. */
function installed(majors: Record<string, boolean>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-pg-bin-"));
  folders.push(root);
  for (const [major, complete] of Object.entries(majors)) {
    const bin = path.join(root, major, "bin");
    fs.mkdirSync(bin, { recursive: true });
    if (complete) for (const program of ["initdb", "pg_ctl"]) fs.writeFileSync(path.join(bin, program), "");
  }
  return root;
}

beforeEach(() => {
  vi.stubEnv("POSTGRES_BIN", ""); // the override would skip the search
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe("findPostgresBinaries", () => {
  it("takes the newest complete PostgreSQL of at least version 15", () => {
    const root = installed({ "14": true, "15": true, "16": true, "17": false });
    expect(findPostgresBinaries(root)).toBe(path.join(root, "16", "bin"));
  });

  it.each([
    ["only older versions", { "13": true, "14": true }],
    ["nothing installed", {}],
  ])("finds none with %s", (_, majors) => {
    expect(findPostgresBinaries(installed(majors))).toBeNull();
  });

  it("finds none when PostgreSQL is not there at all", () => {
    expect(findPostgresBinaries(path.join(os.tmpdir(), "no-such-postgresql-folder"))).toBeNull();
  });
});
