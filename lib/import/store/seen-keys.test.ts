import { expect, test } from "vitest";
import { createSeenKeys } from "./seen-keys";

test("a key added before is always recognised; new keys are rarely taken for seen ones", () => {
  const seen = createSeenKeys(1 << 20);
  let firstTimeSeen = 0;
  for (let i = 0; i < 100_000; i++) if (seen.seenBefore(`ORD${i}`)) firstTimeSeen++;
  for (let i = 0; i < 100_000; i++) expect(seen.seenBefore(`ORD${i}`)).toBe(true);
  let falsePositives = 0;
  for (let i = 0; i < 100_000; i++) if (seen.seenBefore(`NEW${i}`)) falsePositives++;
  // 4 hashes in 2^20 bits: (1 - e^(-4n/2^20))^4 is 1.2% at n = 100,000 keys, 4.1% at 150,000 (the
  // NEW keys are added as they are asked about, from 100,000 to 200,000 keys).
  expect(firstTimeSeen).toBeLessThan(600);
  expect(falsePositives).toBeLessThan(5_000);
});

test("the filter's size must be a power of two", () => {
  expect(() => createSeenKeys(1000)).toThrow(/power of two/);
});
