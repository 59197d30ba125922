import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** The narrow card the sign-in and first-run pages sit in. */
export function AuthCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md pt-8">
      <Card className="space-y-5 px-6 py-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="text-sm text-muted-foreground">{intro}</p>
        </div>
        {children}
      </Card>
    </div>
  );
}
