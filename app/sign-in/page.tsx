import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSignedInUser, safeNextPath } from "@/lib/auth/session";
import { countUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

/** `/sign-in?next=/path`: e-mail and password; a signed-in user goes on to `next`, a fresh install to /setup. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; ended?: string }> }) {
  await connection();
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  if (await countUsers(getDb()) === 0) redirect("/setup");
  if (await getSignedInUser()) redirect(next);
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("signIn.title")} intro={t("signIn.intro")}>
      {params.ended === "everywhere" ? (
        <p role="status" className="rounded-md bg-muted px-3 py-2 text-sm">
          {t("signIn.signedOutEverywhere")}
        </p>
      ) : null}
      <SignInForm
        next={next}
        texts={{
          email: t("fields.email"),
          password: t("fields.password"),
          submit: t("signIn.submit"),
          submitting: t("signIn.submitting"),
          wrongCredentials: t("signIn.wrongCredentials"),
          rateLimited: t("signIn.rateLimited"),
          failed: t.raw("signIn.failed") as string,
        }}
      />
    </AuthCard>
  );
}
