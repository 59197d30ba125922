/**
 * Which database engine the test servers serve from: SQLite, or PostgreSQL in the run of `npm run test:e2e:pg`
 * (E2E_POSTGRES_URL, scripts/e2e-postgres.ts).
 */
export const onPostgres = Boolean(process.env.E2E_POSTGRES_URL);
