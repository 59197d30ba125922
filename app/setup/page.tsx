import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { countUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.setup");
  return { title: t("title") };
}

/** `/setup`: shown only while no user exists; creates the first admin. Afterwards it sends everyone to /sign-in. */
export default async function SetupPage() {
  await connection();
  if (await countUsers(getDb()) > 0) redirect("/sign-in");
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("setup.title")} intro={t("setup.intro")}>
      <SetupForm
        texts={{
          email: t("fields.email"),
          name: t("fields.name"),
          nameHint: t("fields.nameHint"),
          password: t("fields.newPassword", { min: MIN_PASSWORD_LENGTH }),
          submit: t("setup.submit"),
          submitting: t("setup.submitting"),
        }}
      />
    </AuthCard>
  );
}
