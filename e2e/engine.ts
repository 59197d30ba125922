/**
 * Which database engine the test servers serve from: SQLite, or PostgreSQL in the run of `npm run test:e2e:pg`
 * (E2E_POSTGRES_URL, scripts/e2e-postgres.ts).
 */
export const onPostgres = Boolean(process.env.E2E_POSTGRES_URL);

/** Why a spec that imports files is skipped on PostgreSQL (the import runs on SQLite only in this version). */
export const IMPORT_NOT_ON_POSTGRES = "importing files into PostgreSQL is not in this version (README, PostgreSQL)";
