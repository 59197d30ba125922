/**
 * The fields Klantwaarde imports, with the names marketers and source systems give their columns
 * (Dutch and English). Header names are compared after {@link normaliseHeader}.
 */

/** What a file holds: purchases and refunds, or customer details. */
export type ImportKind = "transactions" | "customers";

export type TransactionField = "customer" | "date" | "amount" | "cost" | "order" | "quantity" | "channel" | "category" | "status" | "refund";
export type CustomerField = "customer" | "name" | "email" | "country" | "city" | "channel" | "firstSeen";
export type FieldOf<K extends ImportKind> = K extends "transactions" ? TransactionField : CustomerField;
export type ImportField = TransactionField | CustomerField;

export interface FieldDefinition {
  field: ImportField;
  /** The field in a marketer's words, for messages and the mapping screen. */
  label: string;
  required: boolean;
  /** Normalised header names that mean this field, best first. */
  synonyms: string[];
  /** Normalised word parts that suggest this field when a header contains them (`bedraginclbtw` → bedrag). */
  stems: string[];
}

const CUSTOMER_ID_SYNONYMS = [
  "klantnummer", "klantnr", "klantid", "klantcode", "klant", "debiteurnummer", "debiteurnr", "debiteur", "relatienummer",
  "relatienr", "relatie", "customer", "customerid", "customernumber", "customerno", "customernr", "customercode", "clientid",
  "clientnumber", "client",
];
const CUSTOMER_ID_STEMS = ["klantnummer", "klantnr", "klantid", "debiteur", "relatienummer", "customerid", "customernumber", "customerno"];

/** Transaction fields, in the order the mapping screen shows them. */
export const TRANSACTION_FIELDS: readonly FieldDefinition[] = [
  {
    field: "customer",
    label: "customer number",
    required: true,
    synonyms: [...CUSTOMER_ID_SYNONYMS, "email", "emailadres", "klantemail", "customeremail"],
    stems: CUSTOMER_ID_STEMS,
  },
  {
    field: "date",
    label: "purchase date",
    required: true,
    synonyms: [
      "datum", "orderdatum", "besteldatum", "factuurdatum", "aankoopdatum", "transactiedatum", "verkoopdatum", "boekdatum",
      "date", "orderdate", "purchasedate", "invoicedate", "transactiondate", "saledate", "createdat", "paidat",
    ],
    stems: ["datum", "date"],
  },
  {
    field: "amount",
    label: "amount",
    required: true,
    synonyms: [
      "omzet", "bedrag", "totaal", "totaalbedrag", "bedragincl", "bedraginclbtw", "bedragexcl", "bedragexclbtw", "omzetexclbtw",
      "omzetinclbtw", "factuurbedrag", "orderbedrag", "orderwaarde", "verkoopbedrag", "verkoopwaarde", "revenue", "amount",
      "total", "totalamount", "ordertotal", "ordervalue", "sales", "netamount", "grossamount", "subtotal", "value", "prijs", "price",
    ],
    stems: ["omzet", "bedrag", "totaal", "revenue", "amount", "total", "waarde", "value"],
  },
  {
    field: "cost",
    label: "cost",
    required: false,
    synonyms: ["kosten", "inkoop", "inkoopprijs", "inkoopwaarde", "kostprijs", "cost", "costs", "cogs", "costprice", "purchaseprice"],
    stems: ["kosten", "inkoop", "kostprijs", "cost"],
  },
  {
    field: "order",
    label: "order number",
    required: false,
    synonyms: [
      "ordernummer", "ordernr", "order", "bestelnummer", "bestelling", "factuurnummer", "factuurnr", "factuur", "transactienummer",
      "orderid", "ordernumber", "orderno", "invoice", "invoicenumber", "invoiceid", "invoiceno", "transactionid",
    ],
    stems: ["ordernummer", "ordernr", "bestelnummer", "factuurnummer", "factuurnr", "orderid", "invoice"],
  },
  {
    field: "quantity",
    label: "quantity",
    required: false,
    synonyms: ["aantal", "hoeveelheid", "stuks", "aantalstuks", "qty", "quantity", "units"],
    stems: ["aantal", "quantity"],
  },
  {
    field: "channel",
    label: "sales channel",
    required: false,
    synonyms: ["kanaal", "verkoopkanaal", "bron", "channel", "saleschannel", "source"],
    stems: ["kanaal", "channel"],
  },
  {
    field: "category",
    label: "product category",
    required: false,
    synonyms: ["categorie", "productcategorie", "productgroep", "artikelgroep", "category", "productcategory", "productgroup", "producttype"],
    stems: ["categorie", "category", "productgroep", "artikelgroep"],
  },
  {
    // Mapped: rows whose status does not count are no purchase (read/status-orders.ts).
    field: "status",
    label: "status",
    required: false,
    synonyms: ["status", "orderstatus", "bestelstatus", "betaalstatus", "betalingsstatus", "paymentstatus", "financialstatus"],
    stems: ["status"],
  },
  {
    // Mapped: the amount refunded of the row, subtracted from its value (read/status-orders.ts).
    field: "refund",
    label: "refunded amount",
    required: false,
    synonyms: [
      "terugbetaaldbedrag", "bedragterugbetaald", "terugbetaald", "terugbetaling", "restitutie", "restitutiebedrag", "gecrediteerd",
      "refund", "refunded", "refundamount", "refundedamount", "amountrefunded",
    ],
    stems: ["terugbetaaldbedrag", "refundamount", "refundedamount", "restitutiebedrag"],
  },
];

/** Customer fields, in the order the mapping screen shows them. Other columns become soft attributes. */
export const CUSTOMER_FIELDS: readonly FieldDefinition[] = [
  { field: "customer", label: "customer number", required: true, synonyms: CUSTOMER_ID_SYNONYMS, stems: CUSTOMER_ID_STEMS },
  {
    field: "name",
    label: "name",
    required: false,
    synonyms: ["naam", "klantnaam", "volledigenaam", "bedrijfsnaam", "relatienaam", "name", "fullname", "customername", "companyname"],
    stems: ["naam", "name"],
  },
  {
    field: "email",
    label: "email address",
    required: false,
    synonyms: ["email", "emailadres", "mail", "mailadres", "emailaddress", "klantemail", "customeremail"],
    stems: ["email"],
  },
  { field: "country", label: "country", required: false, synonyms: ["land", "landcode", "country", "countrycode"], stems: ["land", "country"] },
  {
    field: "city",
    label: "city",
    required: false,
    synonyms: ["plaats", "woonplaats", "stad", "vestigingsplaats", "plaatsnaam", "city", "town"],
    stems: ["plaats", "city"],
  },
  {
    field: "channel",
    label: "acquisition channel",
    required: false,
    synonyms: ["kanaal", "acquisitiekanaal", "wervingskanaal", "herkomst", "bron", "channel", "acquisitionchannel", "source", "utmsource"],
    stems: ["kanaal", "channel", "herkomst"],
  },
  {
    field: "firstSeen",
    label: "first purchase date",
    required: false,
    synonyms: [
      "eersteaankoop", "eersteaankoopdatum", "eersteorder", "klantsinds", "klantvanaf", "aanmelddatum", "registratiedatum",
      "inschrijfdatum", "startdatum", "firstseen", "firstseendate", "firstpurchase", "firstpurchasedate", "firstorderdate",
      "customersince", "signupdate", "registrationdate", "createdat",
    ],
    stems: ["klantsinds", "eersteaankoop", "firstseen", "firstpurchase", "customersince", "registratie", "aanmeld"],
  },
];

/** The field definitions of a kind of file. */
export function fieldsOf(kind: ImportKind): readonly FieldDefinition[] {
  return kind === "transactions" ? TRANSACTION_FIELDS : CUSTOMER_FIELDS;
}

/**
 * Lower case, no accents, only letters and digits: `"E-mail adres"` → `"emailadres"`,
 * `"Klant_Nummer "` → `"klantnummer"`, `"Catégorie"` → `"categorie"`.
 */
export function normaliseHeader(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
