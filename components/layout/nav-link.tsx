"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { clsx } from "clsx";

/**
 * A main-menu link that marks the page you are on (also for screen readers, with aria-current).
 *
 * It prefetches its page only once the reader points at it or tabs to it, not when it comes into view: every page
 * shows the whole menu, so prefetching on view made each page load ask the server for all ten pages as well
 * (ten renders for one, which a review meeting of eight opening the same link multiplies).
 */
export function NavLink({ href, children }: { href: string; children: string }) {
  const pathname = usePathname();
  const [intent, setIntent] = useState(false);
  const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  const showIntent = () => setIntent(true);
  return (
    <Link
      href={href}
      // null: Next.js's default prefetch, from the moment of intent on; false: none before it.
      prefetch={intent ? null : false}
      onMouseEnter={showIntent}
      onFocus={showIntent}
      onTouchStart={showIntent}
      aria-current={active ? "page" : undefined}
      className={clsx("whitespace-nowrap", active ? "font-medium text-foreground" : "text-muted-foreground hover:text-foreground")}
    >
      {children}
    </Link>
  );
}
