/** The `@example`s of this folder, run (see lib/clv/examples.test-helpers.ts for how a stated value is compared). */
import { testExamples } from "@/lib/clv/examples.test-helpers";

testExamples(import.meta.dirname);
