import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { openPostgresDatabase, type OpenedPostgresDatabase } from "@/db/pg/connect";
import { parseDatabaseUrl, type PostgresTarget } from "@/db/database-url";
import { createTestDatabase, describeWithPostgres, runAsAdmin } from "@/lib/testing/postgres-test-database";
import { authSecretFromPostgres } from "./secret-postgres";

describeWithPostgres("authSecretFromPostgres", (adminUrl) => {
  let url = "";
  const opened: OpenedPostgresDatabase[] = [];
  const open = async (schema: string) => {
    const database = await openPostgresDatabase(parseDatabaseUrl(`${url}?schema=${schema}`) as PostgresTarget);
    opened.push(database);
    return database;
  };
  const storedSecrets = async (database: OpenedPostgresDatabase) => database.db.select().from(database.tables.instanceSecrets);

  beforeAll(async () => {
    url = await createTestDatabase(adminUrl);
  });
  afterEach(async () => {
    delete process.env.BETTER_AUTH_SECRET;
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });
  afterAll(async () => {
    await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  });

  it("creates a random secret once and gives it to every instance, after restarts too", async () => {
    const first = await open("kw_secret");
    const secret = await authSecretFromPostgres(first);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = await open("kw_secret");
    expect(await authSecretFromPostgres(second)).toBe(secret);
    await first.close();
    const restarted = await open("kw_secret");
    expect(await authSecretFromPostgres(restarted)).toBe(secret);
    expect(await storedSecrets(restarted)).toHaveLength(1);
  });

  it("gives instances that start at the same moment one and the same secret", async () => {
    const instances = await Promise.all([open("kw_race"), open("kw_race"), open("kw_race"), open("kw_race")]);
    const secrets = await Promise.all(instances.map((instance) => authSecretFromPostgres(instance)));
    expect(new Set(secrets).size).toBe(1);
  });

  it("uses BETTER_AUTH_SECRET when set, and then stores nothing", async () => {
    process.env.BETTER_AUTH_SECRET = "  an-operator-chosen-secret-of-enough-length  ";
    const database = await open("kw_env");
    expect(await authSecretFromPostgres(database)).toBe("an-operator-chosen-secret-of-enough-length");
    expect(await storedSecrets(database)).toEqual([]);
  });

  it("refuses a stored secret that is too short to sign with", async () => {
    const database = await open("kw_short");
    await database.db.insert(database.tables.instanceSecrets).values({ name: "session-signing", value: "short" });
    await expect(authSecretFromPostgres(database)).rejects.toThrow(
      /^The session-signing secret in kw_short\.instance_secrets on 127\.0\.0\.1:\d+\/klantwaarde_test_\w+ is shorter than 32 characters/,
    );
  });
});
