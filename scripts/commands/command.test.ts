import { describe, expect, test } from "vitest";
import { parseCommandArgs, UsageError } from "./command";

const options = { model: { type: "string" }, horizon: { type: "string" }, unit: { type: "string", default: "week" }, json: { type: "boolean", default: false } } as const;

describe("parseCommandArgs", () => {
  test("reads values, = values, defaults, switches and negative numbers", () => {
    expect(parseCommandArgs("score", ["--model", "bgnbd", "--horizon=-2", "--json"], options)).toEqual({ values: { model: "bgnbd", horizon: "-2", unit: "week", json: true }, positionals: [] });
    expect(parseCommandArgs("score", ["--horizon", "-2"], options).values.horizon).toBe("-2");
    expect(parseCommandArgs("backup", ["out.db", "--json"], options, { positionals: 1 }).positionals).toEqual(["out.db"]);
  });

  test.each([
    [["--modle", "bgnbd"], "unknown option --modle (`npm run --silent clv -- score --help` lists the options)"],
    [["-x"], "unknown option -x (`npm run --silent clv -- score --help` lists the options)"],
    [["--model"], "option --model needs a value"],
    [["--model", "--horizon", "3"], "option --model needs a value"],
    [["--model", "bgnbd", "--model", "mbgnbd"], "option --model is given twice"],
    [["--json=yes"], 'option --json takes no value (got "yes")'],
    [["stray"], 'unexpected argument "stray"'],
  ])("%j is a usage error: %s", (args, message) => {
    expect(() => parseCommandArgs("score", args, options)).toThrow(UsageError);
    expect(() => parseCommandArgs("score", args, options)).toThrow(message);
  });
});
