import { recordAuditEvent, currentCommandLineActor } from "../../lib/audit/record";
import { getDatabase } from "../../lib/db";
import { customerPersonalData } from "../../lib/privacy/customer-data";
import { eraseCustomer, UnknownCustomerError } from "../../lib/privacy/erase-customer";
import { parseCustomerId } from "../../lib/queries/customer-profile";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- customer export ID
       npm run --silent clv -- customer erase ID --yes

One customer's personal data in the database at DATABASE_URL. ID is the database id (the number in the
customer page's address, /customers/ID), not the customer number.
  export ID        print everything held about the customer as JSON (right of access): profile, soft
                   data, all transactions, the figures in every snapshot and the imports that wrote them
  erase ID --yes   delete the customer, their transactions, soft data and figures in every snapshot, in
                   one transaction (right to erasure); prints { customerId, externalId, transactions,
                   attributes, scores }. Snapshot totals and tier counts stay as they were computed.
                   Cannot be undone: --yes is required.`;

export const customerCommand: Command = {
  name: "customer",
  summary: "one customer's personal data: export it as JSON, or erase the customer (--yes)",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs("customer", args, { yes: { type: "boolean", default: false } }, { positionals: 2 });
    const [action, idText] = positionals;
    if (action !== "export" && action !== "erase") throw new UsageError(action === undefined ? "say export or erase" : `unknown action "${action}"`);
    if (idText === undefined) throw new UsageError("the customer's database id is missing");
    const id = parseCustomerId(idText);
    if (id === null) throw new UsageError(`"${idText}" is not a database id (a positive whole number)`);
    if (action === "export" && values.yes) throw new UsageError("unknown option --yes for export (it confirms erase)");
    if (action === "erase" && !values.yes) throw new UsageError("erasing cannot be undone: add --yes to erase the customer");

    const database = getDatabase();
    try {
      if (action === "export") {
        const data = await customerPersonalData(id, database.db);
        if (!data) {
          process.stderr.write(`clv customer: there is no customer with id ${id}\n`);
          return 1;
        }
        await recordAuditEvent(database.db, currentCommandLineActor(), { action: "personalDataExported", target: `customer #${id}` });
        printJson(data);
        return;
      }
      try {
        printJson(await eraseCustomer(id, database.db, currentCommandLineActor()));
      } catch (error) {
        if (!(error instanceof UnknownCustomerError)) throw error;
        process.stderr.write(`clv customer: ${error.message} Nothing was erased.\n`);
        return 1;
      }
    } finally {
      await database.close();
    }
  },
};
