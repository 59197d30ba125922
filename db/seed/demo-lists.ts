/**
 * The fixed vocabulary of the demo company "De Koffiebrander", a Dutch coffee and tea retailer with a
 * webshop, an app, stores and a marketplace shop. Cities are real, weighted roughly by population.
 */
export type CountryCode = "NL" | "BE" | "DE";

export const COUNTRIES: readonly (readonly [CountryCode, number])[] = [
  ["NL", 76],
  ["BE", 17],
  ["DE", 7],
];

export const CITIES: Record<CountryCode, readonly (readonly [string, number])[]> = {
  NL: [
    ["Amsterdam", 93], ["Rotterdam", 66], ["Den Haag", 56], ["Utrecht", 37], ["Eindhoven", 24],
    ["Groningen", 24], ["Tilburg", 23], ["Almere", 22], ["Breda", 19], ["Nijmegen", 18],
    ["Apeldoorn", 17], ["Arnhem", 17], ["Haarlem", 16], ["Enschede", 16], ["Amersfoort", 16],
    ["Zaanstad", 16], ["Den Bosch", 16], ["Haarlemmermeer", 16], ["Zwolle", 13], ["Leiden", 13],
    ["Zoetermeer", 13], ["Maastricht", 12], ["Dordrecht", 12], ["Ede", 12], ["Alkmaar", 11],
    ["Delft", 10], ["Deventer", 10], ["Leeuwarden", 13], ["Hilversum", 9], ["Amstelveen", 9],
    ["Heerlen", 9], ["Venlo", 10], ["Helmond", 9], ["Hengelo", 8], ["Gouda", 7], ["Middelburg", 5],
    ["Assen", 7], ["Wageningen", 4], ["Harderwijk", 5], ["Roermond", 6],
  ],
  BE: [
    ["Antwerpen", 53], ["Gent", 26], ["Brugge", 12], ["Leuven", 10], ["Mechelen", 9], ["Aalst", 9],
    ["Hasselt", 8], ["Kortrijk", 8], ["Sint-Niklaas", 8], ["Oostende", 7], ["Genk", 7], ["Brussel", 19],
  ],
  DE: [
    ["Düsseldorf", 62], ["Köln", 108], ["Aachen", 25], ["Münster", 32], ["Duisburg", 50],
    ["Essen", 58], ["Kleve", 5], ["Emmerich am Rhein", 3], ["Krefeld", 23], ["Mönchengladbach", 26],
  ],
};

/** Where a customer first came from. `retention` lowers (>1) or raises (<1) the defection rate. */
export const ACQUISITION_CHANNELS = [
  { name: "Organic search", weight: 26, retention: 1.0 },
  { name: "Paid search", weight: 20, retention: 0.85 },
  { name: "Social media", weight: 16, retention: 0.7 },
  { name: "Store", weight: 18, retention: 1.25 },
  { name: "Referral", weight: 9, retention: 1.5 },
  { name: "Marketplace", weight: 11, retention: 0.75 },
] as const;

/** Where a purchase happens. */
export const SALES_CHANNELS = ["Webshop", "App", "Store", "Marketplace"] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

/** Product categories with their gross margin (share of revenue that is profit). */
export const PRODUCT_CATEGORIES = [
  { name: "Coffee beans", margin: 0.42, priceFactor: 0.7 },
  { name: "Tea", margin: 0.5, priceFactor: 0.55 },
  { name: "Coffee machines", margin: 0.22, priceFactor: 4.5 },
  { name: "Accessories", margin: 0.48, priceFactor: 0.9 },
  { name: "Tableware", margin: 0.45, priceFactor: 1.1 },
  { name: "Workshops", margin: 0.6, priceFactor: 1.4 },
  { name: "Gift boxes", margin: 0.4, priceFactor: 1.0 },
] as const;
export type ProductCategoryName = (typeof PRODUCT_CATEGORIES)[number]["name"];

/**
 * The customer's main interest, with how it shifts spend and what they buy. "Espresso at home" marks
 * the high spenders (machines); "Tea" the frequent small baskets.
 */
export const INTERESTS = [
  { name: "Espresso at home", weight: 18, spend: 1.6, rate: 1.0, favourite: "Coffee machines" },
  { name: "Filter coffee", weight: 30, spend: 0.9, rate: 1.1, favourite: "Coffee beans" },
  { name: "Tea", weight: 20, spend: 0.75, rate: 1.25, favourite: "Tea" },
  { name: "Barista workshops", weight: 10, spend: 1.25, rate: 0.9, favourite: "Workshops" },
  { name: "Sustainability", weight: 12, spend: 1.05, rate: 1.0, favourite: "Coffee beans" },
  { name: "Gifts", weight: 10, spend: 1.0, rate: 0.6, favourite: "Gift boxes" },
] as const;

export const PREFERRED_CONTACT = [
  ["E-mail", 55],
  ["App notification", 20],
  ["SMS", 10],
  ["Post", 5],
  ["No contact", 10],
] as const;

export const AGE_GROUPS = [
  ["18-24", 9],
  ["25-34", 22],
  ["35-44", 23],
  ["45-54", 21],
  ["55-64", 16],
  ["65+", 9],
] as const;
