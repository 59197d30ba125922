/** The `@example`s of this folder, run (see lib/clv/examples.test-helpers.ts for how a stated value is compared). */
import { strToU8, zipSync } from "fflate";
import { testExamples } from "@/lib/clv/examples.test-helpers";

// The zip examples build their archive with fflate, as the tests of zip-entries.ts do.
testExamples(import.meta.dirname, { zipSync: () => zipSync, strToU8: () => strToU8 });
