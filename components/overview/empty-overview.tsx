import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";

/** Shown when the database holds no customers yet: says how to get data in, never an error. */
export function EmptyOverview() {
  return (
    <Card className="mx-auto max-w-2xl px-8 py-10 text-center">
      <h2 className="text-xl font-semibold">No customer data yet</h2>
      <p className="mt-3 text-muted-foreground">
        Klantwaarde computes the value of every customer from their purchases. Load data to get started.
      </p>
      <ul className="mt-6 space-y-3 text-left text-sm">
        <li>
          <span className="font-medium">Explore with the demo company:</span> run <Code>npm run db:seed</Code> and reload
          this page. It generates 5,000 customers of a Dutch coffee retailer with three years of purchases.
        </li>
        <li>
          <span className="font-medium">Use your own data:</span> customers and transactions live in the SQLite database
          set by <Code>DATABASE_URL</Code>; importing CSV and Excel files from this page is being built.
        </li>
      </ul>
    </Card>
  );
}
