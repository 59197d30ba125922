import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { signOutAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { can } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";

/** The signed-in user's own menu in the header: who and which role, Users and the audit trail (admins), sign out (here or everywhere). */
export async function UserMenu({ user }: { user: SignedInUser }) {
  const [t, tAudit] = await Promise.all([getTranslations("auth"), getTranslations("audit")]);
  const item = "block w-full rounded-md px-3 py-1.5 text-left text-sm hover:bg-muted";
  return (
    <details className="relative" data-user-menu>
      <summary
        aria-label={t("menu.label", { name: user.name })}
        className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-border px-2 py-1 text-sm hover:bg-muted [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden className="flex size-6 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground">
          {(user.name || user.email).slice(0, 1).toUpperCase()}
        </span>
        <span className="sr-only">{user.name}</span>
      </summary>
      <div className="absolute right-0 z-40 mt-2 w-64 space-y-1 rounded-lg border border-border bg-card p-2 shadow-lg">
        <p className="truncate px-3 pt-1 text-sm">{t("menu.signedInAs", { email: user.email })}</p>
        <p className="px-3 pb-1 text-xs text-muted-foreground">{t("menu.role", { role: t(`roles.${user.role}`) })}</p>
        <hr className="border-border" />
        {can(user.role, "users") ? (
          <Link href="/admin/users" className={item}>
            {t("menu.users")}
          </Link>
        ) : null}
        {can(user.role, "audit") ? (
          <Link href="/admin/audit" className={item}>
            {tAudit("menu")}
          </Link>
        ) : null}
        <form action={signOutAction}>
          <button type="submit" className={item}>
            {t("menu.signOut")}
          </button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit" className={item}>
            {t("menu.signOutEverywhere")}
          </button>
        </form>
      </div>
    </details>
  );
}
