"use client";

import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * The app's link: Next.js's Link, prefetching its page only once the reader points at it, tabs to it or touches it,
 * not when it comes into view. Every page of this dashboard is rendered per request (figures of the current
 * snapshot, the reader's role), so a prefetch costs the server a render. With prefetch on view, each reader's
 * overview also had the server render the menu's ten pages and the three tier drill-downs. An explicit `prefetch`
 * (false on long tables) is kept as given.
 */
export function Link({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  if (prefetch !== undefined) return <NextLink prefetch={prefetch} onMouseEnter={onMouseEnter} onFocus={onFocus} onTouchStart={onTouchStart} {...props} />;
  return (
    <NextLink
      // null: Next.js's default prefetch, from the moment of intent on; false: none before it.
      prefetch={intent ? null : false}
      onMouseEnter={(event) => {
        setIntent(true);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        setIntent(true);
        onTouchStart?.(event);
      }}
      {...props}
    />
  );
}
