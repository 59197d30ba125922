import { describe, expect, test } from "vitest";
import { InsufficientDataError, ModelFitError } from "@/lib/clv/errors";
import { ImportFileError } from "@/lib/import/read/problems";
import { UploadError } from "@/lib/import/upload/upload-source";
import { errorBoundaryMessage, isUserFacingError, publicErrorMessage } from "./public-error";

describe("publicErrorMessage", () => {
  test.each([
    ["a model that cannot be fitted", new ModelFitError("BG/NBD", "the likelihood is flat")],
    ["too little data", new InsufficientDataError("There are no purchases to score yet.", 1, 0)],
    ["an upload over the limit", new UploadError("'x.csv' is more than the 1 MB that can be imported at once.", 413)],
    ["a file that is not CSV", new ImportFileError([{ severity: "error", code: "binary-file", message: "'x.csv' is a PNG image." }])],
  ])("%s keeps its message (written for users)", (_name, error) => {
    expect(isUserFacingError(error)).toBe(true);
    expect(publicErrorMessage(error, "fallback")).toBe(error.message);
  });

  test.each([
    ["a database error", new Error("SQLITE_CONSTRAINT: FOREIGN KEY constraint failed")],
    ["a programming error", new TypeError("Cannot read properties of undefined (reading 'tier')")],
    ["a file-system error", Object.assign(new Error("ENOENT: no such file or directory, open '/srv/klantwaarde/data/app.db'"), { code: "ENOENT" })],
    ["something thrown that is not an Error", "boom"],
    ["an error that only pretends by its message", new Error("InsufficientDataError: /etc/passwd")],
  ])("%s gives the generic message", (_name, error) => {
    expect(isUserFacingError(error)).toBe(false);
    expect(publicErrorMessage(error, "The import failed; the details are in the server log.")).toBe("The import failed; the details are in the server log.");
  });
});

describe("errorBoundaryMessage", () => {
  const error = new Error("Cannot read properties of undefined (reading 'summary')\n    at SegmentPage (app/segments/page.tsx:12:5)");

  test("a production build never shows the error's own message or stack", () => {
    expect(errorBoundaryMessage(error, "Something went wrong.", false)).toBe("Something went wrong.");
  });

  test("next dev shows the message to the developer", () => {
    expect(errorBoundaryMessage(error, "Something went wrong.", true)).toBe(error.message);
    expect(errorBoundaryMessage(new Error(""), "Something went wrong.", true)).toBe("Something went wrong.");
  });
});
