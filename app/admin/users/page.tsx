import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AddUserForm } from "@/components/auth/add-user-form";
import { UserRowActions } from "@/components/auth/user-row-actions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.users");
  return { title: t("title") };
}

/** `/admin/users` (admins only): who can sign in, their roles, and adding, changing, removing and signing out. */
export default async function UsersPage() {
  await connection();
  const me = await requirePermission("users");
  const t = await getTranslations("auth");
  const users = await listUsers(getDb());
  const roles = { viewer: t("roles.viewer"), analyst: t("roles.analyst"), admin: t("roles.admin") };
  return (
    <div className="space-y-6">
      <PageHeader title={t("users.title")} subtitle={t("users.description")} />
      <Card>
        <CardHeader>
          <CardTitle id="users-list-title">{t("users.listTitle")}</CardTitle>
          <CardDescription>{t("users.count", { count: users.length })}</CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <table aria-labelledby="users-list-title" className="w-full text-sm">
            <thead>
              <tr className="border-b border-border text-left text-muted-foreground">
                <th scope="col" className="py-2 pr-4 font-medium">{t("users.email")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("users.name")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("users.role")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("users.sessions")}</th>
                <th scope="col" className="py-2 font-medium">{t("users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-b border-border align-top last:border-0">
                  <td className="py-3 pr-4">
                    {user.email}
                    {user.id === me.id ? <span className="ml-2 rounded bg-muted px-1.5 py-0.5 text-xs">{t("users.you")}</span> : null}
                  </td>
                  <td className="py-3 pr-4">{user.name}</td>
                  <td className="py-3 pr-4">{roles[user.role]}</td>
                  <td className="py-3 pr-4 tabular-nums">{t("users.sessionsCount", { count: user.sessions })}</td>
                  <td className="py-3">
                    <UserRowActions
                      email={user.email}
                      role={user.role}
                      texts={{
                        changeRole: t("users.changeRole", { email: user.email }),
                        saveRole: t("users.saveRole"),
                        remove: t("users.remove", { email: user.email }),
                        removeButton: t("users.removeButton"),
                        signOutEverywhere: t("users.signOutEverywhere", { email: user.email }),
                        signOutEverywhereButton: t("users.signOutEverywhereButton"),
                        roles,
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("users.addTitle")}</CardTitle>
          <CardDescription>
            {roles.viewer}: {t("roleDescriptions.viewer")} {roles.analyst}: {t("roleDescriptions.analyst")} {roles.admin}: {t("roleDescriptions.admin")}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AddUserForm
            texts={{
              email: t("fields.email"),
              name: t("fields.name"),
              password: t("fields.newPassword", { min: MIN_PASSWORD_LENGTH }),
              role: t("fields.role"),
              submit: t("users.addSubmit"),
              roles,
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
