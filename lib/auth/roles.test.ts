import { describe, expect, test } from "vitest";
import { can, isRole, lowestRoleWith, PERMISSIONS, ROLES, type Permission, type Role } from "./roles";

const expected: Record<Role, Permission[]> = {
  viewer: ["browse", "export", "present"],
  analyst: ["browse", "export", "present", "import", "settings", "recompute", "decisionNotes"],
  admin: [...PERMISSIONS],
};

describe("can", () => {
  test.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))("%s may %s as in the issue", (role, permission) => {
    expect(can(role, permission)).toBe(expected[role].includes(permission));
  });

  test("each role can do everything the role below it can", () => {
    for (const permission of PERMISSIONS) {
      if (can("viewer", permission)) expect(can("analyst", permission)).toBe(true);
      if (can("analyst", permission)) expect(can("admin", permission)).toBe(true);
    }
  });

  test("unknown or missing roles may do nothing", () => {
    for (const permission of PERMISSIONS) {
      expect(can("owner", permission)).toBe(false);
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
      expect(can("", permission)).toBe(false);
    }
  });
});

test("isRole accepts exactly the three roles", () => {
  expect(ROLES.every(isRole)).toBe(true);
  expect(isRole("Admin")).toBe(false);
  expect(isRole(1)).toBe(false);
});

test("lowestRoleWith names the role to ask for", () => {
  expect(lowestRoleWith("export")).toBe("viewer");
  expect(lowestRoleWith("import")).toBe("analyst");
  expect(lowestRoleWith("users")).toBe("admin");
  expect(lowestRoleWith("personalData")).toBe("admin");
});
