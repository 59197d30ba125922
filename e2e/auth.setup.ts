import fs from "node:fs";
import path from "node:path";
import { expect, request, test as setup } from "@playwright/test";
import { E2E_PORTS, E2E_STORAGE_STATE } from "../playwright.config";
import { E2E_USERS } from "./auth-users";

/**
 * Signs the test admin in on each of the four servers (through better-auth's own endpoint, as the sign-in
 * form does) and saves the cookies: one per server, each named after its port, so one storage state serves
 * them all.
 */
setup("sign the test admin in on every server", async () => {
  const context = await request.newContext();
  for (const port of Object.values(E2E_PORTS)) {
    const origin = `http://127.0.0.1:${port}`;
    const response = await context.post(`${origin}/api/auth/sign-in/email`, {
      data: { email: E2E_USERS.admin.email, password: E2E_USERS.admin.password },
      headers: { Origin: origin },
    });
    expect(response.status(), `sign-in on ${origin}`).toBe(200);
  }
  fs.mkdirSync(path.dirname(E2E_STORAGE_STATE), { recursive: true });
  const state = await context.storageState({ path: E2E_STORAGE_STATE });
  expect(state.cookies.length).toBeGreaterThanOrEqual(Object.keys(E2E_PORTS).length);
  await context.dispose();
});
