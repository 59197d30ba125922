import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { sniffFile } from "@/lib/import/read/sniff";
import en from "@/lib/i18n/messages/en";
import nl from "@/lib/i18n/messages/nl";
import { ProblemList } from "./problem-list";

const today = "2026-11-23";

function render(locale: "en" | "nl", problems: Parameters<typeof ProblemList>[0]["problems"]): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === "en" ? en : nl} timeZone="UTC">
      <ProblemList problems={problems} />
    </NextIntlClientProvider>,
  );
}

test("the Windows-1252 warning of a file that is not UTF-8 shows in Dutch and English", () => {
  const bytes = Uint8Array.from("klantnummer;naam\nK1;Café\n", (character) => character.charCodeAt(0));
  const { problems } = sniffFile(bytes, "klanten.csv", { today });
  expect(problems.map((problem) => problem.code)).toEqual(["not-utf-8"]);
  expect(render("nl", problems)).toContain("Dit bestand is geen geldige UTF-8; het is gelezen als Windows-1252 (West-Europees).");
  expect(render("en", problems)).toContain("This file is not valid UTF-8; it was read as Windows-1252 (Western European).");
});

test("a first line over 64 KB is explained in Dutch", () => {
  const bytes = new TextEncoder().encode(`${"kolom;".repeat(20_000)}\n1\n`);
  const { problems } = sniffFile(bytes.subarray(0, 65_536), "breed.csv", { today, fileSize: bytes.length });
  expect(problems.map((problem) => problem.code)).toEqual(["line-too-long"]);
  expect(render("nl", problems)).toContain("De eerste regel van het bestand is langer dan 64 KB");
});
