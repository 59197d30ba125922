/**
 * Which error messages may reach the people using the app. Expected failures (a file that is not CSV,
 * too little data to fit a model, an upload over the limit) are named errors whose messages are written
 * for them and say what to change. Anything else is unexpected (a bug, SQLite, the file system): its
 * message can name tables, paths or internals, so users get a generic text and the server log the detail.
 * Pure and browser-safe (error boundaries use it too).
 */

/**
 * Errors whose messages are written for users. By name rather than `instanceof`, so this module imports
 * neither the engine nor the import code (and a class seen through a worker or a second bundle still counts).
 */
export const USER_FACING_ERRORS: ReadonlySet<string> = new Set([
  // lib/clv/errors.ts: each message says what to change in the data or the settings.
  "InvalidInputError",
  "InsufficientDataError",
  "ModelFitError",
  "NumericalLimitError",
  "HessianNotPositiveDefiniteError",
  // lib/import: problems of the uploaded file.
  "ImportFileError",
  "XlsxError",
  // lib/import/upload/upload-source.ts: too large, interrupted, stalled.
  "UploadError",
  // lib/scoring/fit-models.ts: no purchase model fits these data (says which setting to change).
  "NoPurchaseModelFitsError",
  // lib/recompute/recompute.ts: customers erased during every attempt of a recompute.
  "ErasedMeanwhileError",
]);

/** Whether an error's message was written for users (see USER_FACING_ERRORS). */
export function isUserFacingError(error: unknown): error is Error {
  return error instanceof Error && USER_FACING_ERRORS.has(error.name);
}

/**
 * The message of an expected error, or `fallback` for anything else.
 *
 * @example publicErrorMessage(new Error("SQLITE_CORRUPT: database disk image is malformed"), "The import failed.") // "The import failed."
 */
export function publicErrorMessage(error: unknown, fallback: string): string {
  return isUserFacingError(error) ? error.message : fallback;
}

/**
 * What an error boundary (app/error.tsx) shows: in a production build always the fallback text (server
 * errors arrive there with a generic English message and a digest; errors thrown in the browser carry raw
 * messages such as "Cannot read properties of undefined"); in `next dev` the real message, for developers.
 */
export function errorBoundaryMessage(error: Error, fallback: string, development = process.env.NODE_ENV === "development"): string {
  return development && error.message ? error.message : fallback;
}
