import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./messages/en";
import { clientMessages, ROUTE_CLIENT_NAMESPACES, SERVER_ONLY_NAMESPACES } from "./client-namespaces";

const root = path.resolve(__dirname, "../..");

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const files = ["app", "components", "lib"].flatMap(sourceFiles);
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** Where the components that need a route's namespace live: the route's own folders. */
const ROUTE_FOLDERS: Record<string, string[]> = {
  import: ["app/import/", "components/import/"],
  settings: ["app/settings/", "components/settings/"],
  cohorts: ["app/cohorts/", "components/cohorts/"],
  "customers/[id]": ["app/customers/[id]/", "components/customer/"],
};

describe("client message namespaces", () => {
  it("sends every namespace but the route-only and server-only ones from the root", () => {
    const sent = Object.keys(clientMessages(en));
    expect(sent).toContain("rfm");
    expect(sent).toContain("chartExport");
    for (const namespace of [...Object.values(ROUTE_CLIENT_NAMESPACES).flat(), ...SERVER_ONLY_NAMESPACES]) expect(sent).not.toContain(namespace);
  });

  it("names only namespaces that exist", () => {
    for (const namespace of [...Object.values(ROUTE_CLIENT_NAMESPACES).flat(), ...SERVER_ONLY_NAMESPACES]) expect(Object.keys(en)).toContain(namespace);
  });

  it("leaves no client hook without its texts", () => {
    const problems: string[] = [];
    for (const file of files) {
      const source = read(file);
      if (/useTranslations\(\s*\)/.test(source)) problems.push(`${file}: useTranslations() without a namespace`);
      for (const match of source.matchAll(/useTranslations\(\s*"([^".]+)/g)) {
        const namespace = match[1]!;
        if ((SERVER_ONLY_NAMESPACES as readonly string[]).includes(namespace)) problems.push(`${file}: "${namespace}" is server-only; move it out of SERVER_ONLY_NAMESPACES`);
        for (const [route, namespaces] of Object.entries(ROUTE_CLIENT_NAMESPACES)) {
          if ((namespaces as readonly string[]).includes(namespace) && !ROUTE_FOLDERS[route]!.some((folder) => file.startsWith(folder)))
            problems.push(`${file}: "${namespace}" reaches the browser only under app/${route}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps route-only components inside their route", () => {
    const problems: string[] = [];
    for (const [route, folders] of Object.entries(ROUTE_FOLDERS)) {
      const componentFolder = folders.find((folder) => folder.startsWith("components/"))!;
      const importPath = `@/${componentFolder}`;
      for (const file of files) {
        if (folders.some((folder) => file.startsWith(folder))) continue;
        if (read(file).includes(importPath)) problems.push(`${file} uses ${componentFolder}, whose texts reach the browser only under app/${route}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
