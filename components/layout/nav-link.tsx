"use client";

import { usePathname } from "next/navigation";
import { clsx } from "clsx";
import { Link } from "@/components/ui/link";

/** A main-menu link that marks the page you are on (also for screen readers, with aria-current). */
export function NavLink({ href, children }: { href: string; children: string }) {
  const pathname = usePathname();
  const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx("whitespace-nowrap", active ? "font-medium text-foreground" : "text-muted-foreground hover:text-foreground")}
    >
      {children}
    </Link>
  );
}
