import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { NoSnapshot } from "./no-snapshot";

/**
 * A snapshot page before there is a snapshot to show: its header, why there are no figures yet (or how to
 * get data in), and what the page can show without figures (`children`).
 */
export function PageWithoutSnapshot({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <div className="space-y-6">
      <PageHeader title={title} subtitle={subtitle} />
      <NoSnapshot />
      {children}
    </div>
  );
}
