import Link from "next/link";
import { Card } from "@/components/ui/card";

export default function NotFound() {
  return (
    <Card className="mx-auto max-w-xl px-8 py-10 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-3 text-muted-foreground">There is no page at this address.</p>
      <Link href="/" className="mt-6 inline-block text-accent underline">
        Back to the overview
      </Link>
    </Card>
  );
}
