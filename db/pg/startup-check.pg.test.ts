import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeWithPostgres, runAsAdmin, withUrlParts } from "@/lib/testing/postgres-test-database";
import { DatabaseStartupError } from "../client";
import { parseDatabaseUrl, type PostgresTarget } from "../database-url";
import { migratePostgres } from "./migrate";
import { checkPostgresAtStartup } from "./startup-check";

function target(url: string, parts: Parameters<typeof withUrlParts>[1] = {}): PostgresTarget {
  const parsed = parseDatabaseUrl(withUrlParts(url, parts));
  if (parsed.engine !== "postgres") throw new Error("expected PostgreSQL");
  return parsed;
}

/** The start-up error `run` stops with. */
async function startupErrorOf(run: Promise<unknown>): Promise<DatabaseStartupError> {
  const error = await run.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DatabaseStartupError);
  return error as DatabaseStartupError;
}

function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describeWithPostgres("checkPostgresAtStartup", (adminUrl) => {
  let url = "";
  let database = "";
  let hostPort = "";
  beforeAll(async () => {
    url = await createTestDatabase(adminUrl);
    database = new URL(url).pathname.slice(1);
    hostPort = new URL(url).host;
    await runAsAdmin(url, "CREATE ROLE kw_viewer LOGIN PASSWORD 'viewer-pw-7'");
  });
  afterAll(async () => {
    await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await runAsAdmin(adminUrl, "DROP ROLE IF EXISTS kw_viewer");
  });

  it("accepts a PostgreSQL 15+ server with a new schema it may create", async () => {
    const facts = await checkPostgresAtStartup(target(url));
    expect(facts.versionNum).toBeGreaterThanOrEqual(150000);
    expect(facts.schema).toMatchObject({ role: "postgres", schemaExists: false, tables: [], mayCreateSchema: true });
  });

  it("stops on a server that does not answer, naming host and port", async () => {
    const port = await unusedPort();
    const error = await startupErrorOf(checkPostgresAtStartup(target(url.replace(hostPort, `127.0.0.1:${port}`))));
    expect(error.message).toMatch(new RegExp(`^Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(nothing accepts connections there`));
    expect(error.message).toContain("Start the server, or correct the host and port in DATABASE_URL.");
  });

  it("stops on a wrong password, naming the host and the role but never the password", async () => {
    const error = await startupErrorOf(checkPostgresAtStartup(target(url, { password: "Wr0ng-Secret!" })));
    expect(error.message).toContain(`PostgreSQL at ${hostPort} refused the password of the role "postgres".`);
    expect(error.message).toContain("Correct the password in DATABASE_URL");
    expect(error.message).not.toContain("Wr0ng");
  });

  it("stops on a database that does not exist, with the command that creates it", async () => {
    const error = await startupErrorOf(checkPostgresAtStartup(target(url, { database: "no_such_shop" })));
    expect(error.message).toContain(`The database "no_such_shop" does not exist on PostgreSQL at ${hostPort}.`);
    expect(error.message).toContain(`createdb -h 127.0.0.1 -p ${new URL(url).port} no_such_shop`);
  });

  it("stops when the role may not create the schema, and passes once an administrator created it for the role", async () => {
    const viewer = target(url, { user: "kw_viewer", password: "viewer-pw-7", search: "?schema=kw_shop" });
    const error = await startupErrorOf(checkPostgresAtStartup(viewer));
    expect(error.message).toBe(
      `The role "kw_viewer" may not create the schema "kw_shop" in the database "${database}" on ${hostPort}. ` +
        `Have an administrator run CREATE SCHEMA kw_shop AUTHORIZATION kw_viewer; (or GRANT CREATE ON DATABASE ${database} TO kw_viewer;), ` +
        "or use a role that may in DATABASE_URL.",
    );
    await expect(migratePostgres(viewer)).rejects.toThrow(error.message);

    await runAsAdmin(url, "CREATE SCHEMA kw_shop AUTHORIZATION kw_viewer");
    await expect(checkPostgresAtStartup(viewer)).resolves.toMatchObject({ schema: { schemaExists: true, tables: [] } });
    const migrated = await migratePostgres(viewer);
    expect(migrated.applied, "every migration this version knows").toBe(migrated.known);
  });

  it("stops when the role may not create tables in a schema that exists", async () => {
    await runAsAdmin(url, "CREATE SCHEMA kw_closed");
    const viewer = target(url, { user: "kw_viewer", password: "viewer-pw-7", search: "?schema=kw_closed" });
    const error = await startupErrorOf(checkPostgresAtStartup(viewer));
    expect(error.message).toContain(`The role "kw_viewer" may not create tables in the schema "kw_closed" in the database "${database}" on ${hostPort}.`);
    expect(error.message).toContain("GRANT USAGE, CREATE ON SCHEMA kw_closed TO kw_viewer;");
  });

  it("stops on a schema holding another application's tables, and leaves it as it was", async () => {
    await runAsAdmin(url, "CREATE TABLE public.orders (id int)");
    const error = await startupErrorOf(checkPostgresAtStartup(target(url, { search: "?schema=public" })));
    expect(error.message).toContain(`The schema "public" in the database "${database}" on ${hostPort} holds tables Klantwaarde did not create (orders)`);
    expect(error.message).toContain("?schema=klantwaarde_app");
  });

  it("accepts the schema again once Klantwaarde migrated it", async () => {
    await migratePostgres(target(url, { search: "?schema=kw_ours" }));
    const facts = await checkPostgresAtStartup(target(url, { search: "?schema=kw_ours" }));
    expect(facts.schema.tables).toContain("__drizzle_migrations");
  });
});
