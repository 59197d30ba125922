import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./messages/en";
import { clientMessages, mergeMessages, pickMessages, ROOT_CLIENT_MESSAGES, ROUTE_CLIENT_NAMESPACES } from "./client-namespaces";

const root = path.resolve(__dirname, "../..");

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const files = ["app", "components", "lib"].flatMap(sourceFiles);
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** Where the components that need a route's texts live: the route's own folders. */
const ROUTE_FOLDERS: Record<keyof typeof ROUTE_CLIENT_NAMESPACES, string[]> = {
  import: ["app/import/", "components/import/"],
  settings: ["app/settings/", "components/settings/"],
  cohorts: ["app/cohorts/", "components/cohorts/"],
  "customers/[id]": ["app/customers/[id]/", "components/customer/"],
  "(overview)": ["app/(overview)/", "components/overview/", "components/charts/revenue-by-month-chart.tsx"],
  report: ["app/report/", "components/overview/"],
  quadrants: ["app/quadrants/", "components/quadrants/"],
  present: ["app/present/", "components/present/", "components/quadrants/"],
  "segments/[kind]/[key]": ["app/segments/[kind]/[key]/", "components/decisions/", "components/present/"],
};

/** The message paths a client file reads: `useTranslations("ns")` and the keys `t("key")` it asks of them. */
function readsOf(source: string): string[] {
  return [...source.matchAll(/useTranslations\(\s*"([^"]+)"/g)].map((match) => match[1]!);
}

/** Whether `paths` (namespaces or single messages) cover the namespace `namespace`, wholly or in part. */
const covers = (paths: readonly string[], namespace: string) => paths.some((path) => path === namespace || path.startsWith(`${namespace}.`) || namespace.startsWith(`${path}.`));

const clientFiles = files.filter((file) => /^\s*["']use client["']/m.test(read(file)));

describe("client messages", () => {
  it("sends from the root only the texts listed, not the whole catalogue", () => {
    const sent = clientMessages(en);
    expect(Object.keys(sent).sort()).toEqual(["chartExport", "filters", "nav", "present", "rfm", "snapshot", "states"]);
    expect(Object.keys(sent.present as object).sort()).toEqual(["present", "presentPinned"]);
    expect(sent).not.toHaveProperty("model");
  });

  it("names only texts that exist", () => {
    for (const path of [...ROOT_CLIENT_MESSAGES, ...Object.values(ROUTE_CLIENT_NAMESPACES).flat()]) {
      const value = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
      expect(value, path).toBeDefined();
    }
  });

  it("picks single messages and merges them with a namespace sent from above", () => {
    const catalogue = { a: { x: "1", y: "2" }, b: { z: "3" } };
    expect(pickMessages(catalogue, ["a.x", "b"])).toEqual({ a: { x: "1" }, b: { z: "3" } });
    expect(mergeMessages({ a: { x: "1" }, b: { z: "3" } }, { a: { y: "2" } })).toEqual({ a: { x: "1", y: "2" }, b: { z: "3" } });
  });

  it("leaves no client hook without its texts", () => {
    const problems: string[] = [];
    for (const file of clientFiles) {
      const source = read(file);
      if (/useTranslations\(\s*\)/.test(source)) problems.push(`${file}: useTranslations() without a namespace`);
      for (const namespace of readsOf(source)) {
        if (covers(ROOT_CLIENT_MESSAGES, namespace)) continue;
        const routes = (Object.keys(ROUTE_CLIENT_NAMESPACES) as (keyof typeof ROUTE_CLIENT_NAMESPACES)[]).filter((route) => covers(ROUTE_CLIENT_NAMESPACES[route], namespace));
        if (routes.length === 0) problems.push(`${file}: "${namespace}" is sent to the browser by no layout`);
        else if (!routes.some((route) => ROUTE_FOLDERS[route].some((folder) => file.startsWith(folder)))) problems.push(`${file}: "${namespace}" reaches the browser only under ${routes.map((route) => `app/${route}`).join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps components with route-only texts inside the routes that send them", () => {
    const problems: string[] = [];
    for (const file of clientFiles) {
      const routes = (Object.keys(ROUTE_FOLDERS) as (keyof typeof ROUTE_FOLDERS)[]).filter((route) => readsOf(read(file)).some((namespace) => !covers(ROOT_CLIENT_MESSAGES, namespace) && covers(ROUTE_CLIENT_NAMESPACES[route], namespace)));
      if (routes.length === 0) continue;
      const importPath = `@/${file.replace(/\.tsx?$/, "")}`;
      const sibling = `./${path.basename(file).replace(/\.tsx?$/, "")}`;
      for (const user of files) {
        const source = read(user);
        const usesIt = source.includes(`"${importPath}"`) || (path.dirname(user) === path.dirname(file) && source.includes(`"${sibling}"`));
        if (usesIt && !routes.some((route) => ROUTE_FOLDERS[route].some((folder) => user.startsWith(folder)))) problems.push(`${user} uses ${file}, whose texts reach the browser only under ${routes.map((route) => `app/${route}`).join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
