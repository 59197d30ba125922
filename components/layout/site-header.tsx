import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "./language-switch";
import { NavLink } from "./nav-link";
import { PresentLink } from "@/components/present/pin-button";
import { UserMenu } from "@/components/auth/user-menu";
import { can, type Permission } from "@/lib/auth/roles";
import { getSignedInUser } from "@/lib/auth/session";

const links = [
  { href: "/", key: "overview" },
  { href: "/quadrants", key: "quadrants" },
  { href: "/segments", key: "segments" },
  { href: "/customers", key: "customers" },
  { href: "/cohorts", key: "cohorts" },
  { href: "/model", key: "model" },
  { href: "/history", key: "history" },
  { href: "/decisions", key: "decisions" },
  { href: "/import", key: "import", permission: "import" },
  { href: "/settings", key: "settings", permission: "settings" },
] as const satisfies readonly { href: string; key: string; permission?: Permission }[];

export async function SiteHeader() {
  const [t, user] = await Promise.all([getTranslations(), getSignedInUser()]);
  // Signed out (sign-in, setup): no navigation. Signed in: only what the role may open.
  const visible = user ? links.filter((link) => !("permission" in link) || can(user.role, link.permission)) : [];
  return (
    <header className="border-b border-border bg-card">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
        {/* No prefetch: the menu's Overview link beside it prefetches the same page when pointed at. */}
        <Link href="/" prefetch={false} className="flex items-center gap-2 font-semibold tracking-tight" aria-label={t("app.home")}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" width={24} height={24} />
          Klantwaarde
        </Link>
        {/* min-w-0 + wrap: a long menu (Dutch, every role's links) takes a second line instead of pushing the user menu off screen. */}
        <nav aria-label={t("nav.label")} className="min-w-0 flex-1">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {visible.map((link) => (
              <li key={link.href}>
                <NavLink href={link.href}>{t(`nav.${link.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user ? <PresentLink /> : null}
        <LanguageSwitch />
        {user ? <UserMenu user={user} /> : null}
      </div>
    </header>
  );
}
