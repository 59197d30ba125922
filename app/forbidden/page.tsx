import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { lowestRoleWith, PERMISSIONS, type Permission } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.forbidden");
  return { title: t("title") };
}

/** Where a page sends a signed-in user whose role may not open it (`?need=<permission>`). */
export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  await connection();
  const user = await requireUser();
  const { need } = await searchParams;
  const permission: Permission = (PERMISSIONS as readonly string[]).includes(need ?? "") ? (need as Permission) : "users";
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("forbidden.title")} intro={t("forbidden.text", { role: t(`roles.${user.role}`), need: t(`roles.${lowestRoleWith(permission)}`) })}>
      <Link href="/" className="text-sm text-accent underline underline-offset-2">
        {t("forbidden.back")}
      </Link>
    </AuthCard>
  );
}
