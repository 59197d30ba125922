/**
 * The demo company "De Koffiebrander": a deterministic, believable customer base of a Dutch coffee and
 * tea retailer, generated from a heterogeneous purchase-and-defection process.
 *
 * Every customer has a latent purchase rate (gamma distributed across customers, as in the NBD) and a
 * latent defection rate (gamma distributed, as in the Pareto/NBD of Schmittlein, Morrison & Colombo
 * 1987): while alive they buy as a Poisson process, and they stop buying for good after an exponential
 * lifetime. Spend per order is gamma with a customer-specific scale that is itself gamma distributed
 * (the Gamma-Gamma spend model of Fader, Hardie & Lee 2005). Soft data genuinely drives value:
 * loyalty-programme members and newsletter readers buy more often, satisfied customers and referrals stay
 * longer, "Espresso at home" marks high spenders. Later driver analysis therefore finds real effects.
 *
 * The same options (including `endDate`) always produce the same customers and purchases.
 */
import { fakerDE, fakerNL, fakerNL_BE, type Faker } from "@faker-js/faker";
import {
  ACQUISITION_CHANNELS,
  AGE_GROUPS,
  CITIES,
  COUNTRIES,
  INTERESTS,
  PREFERRED_CONTACT,
  PRODUCT_CATEGORIES,
  SALES_CHANNELS,
  type CountryCode,
  type SalesChannel,
} from "./demo-lists";
import {
  createRandom,
  pickWeighted,
  randomExponential,
  randomGamma,
  randomInt,
  randomNormal,
  randomPoisson,
  type Random,
} from "./random";

export interface DemoCompanyOptions {
  customers: number;
  seed: number;
  years: number;
  /** Last day of the generated history, ISO `YYYY-MM-DD`. */
  endDate: string;
}

export interface DemoTransaction {
  externalId: string;
  purchaseDate: string;
  revenueCents: number;
  costCents: number;
  quantity: number;
  channel: SalesChannel;
  productCategory: string;
}

export interface DemoCustomer {
  id: number;
  externalId: string;
  name: string;
  email: string;
  country: CountryCode;
  city: string;
  acquisitionChannel: string;
  firstSeenDate: string;
  attributes: Record<string, string>;
  transactions: DemoTransaction[];
}

export const DEFAULT_DEMO_OPTIONS = { customers: 5000, seed: 42, years: 3 } as const;

const DAY_MS = 86_400_000;
/** Mean purchases per year of an average active customer before the soft-data multipliers. */
const BASE_PURCHASES_PER_YEAR = 3.2;
/** Mean lifetime in years of an average customer before the soft-data multipliers. */
const BASE_LIFETIME_YEARS = 1.6;
const REFUND_PROBABILITY = 0.035;
/** Gamma-Gamma spend: order value ~ Gamma(p, nu), nu ~ Gamma(q, gamma); mean order = p * gamma / (q - 1) euros. */
const SPEND_P = 5;
const SPEND_Q = 3.5;
const SPEND_GAMMA = 22;

const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ["Coffee beans", 40],
  ["Tea", 18],
  ["Coffee machines", 4],
  ["Accessories", 16],
  ["Tableware", 8],
  ["Workshops", 5],
  ["Gift boxes", 9],
];

const EMAIL_DOMAINS: Record<CountryCode, readonly (readonly [string, number])[]> = {
  NL: [["gmail.com", 40], ["hotmail.com", 18], ["outlook.com", 12], ["ziggo.nl", 10], ["kpnmail.nl", 8], ["icloud.com", 7], ["live.nl", 5]],
  BE: [["gmail.com", 45], ["telenet.be", 25], ["hotmail.com", 15], ["skynet.be", 8], ["outlook.com", 7]],
  DE: [["gmail.com", 35], ["web.de", 25], ["gmx.de", 22], ["t-online.de", 10], ["outlook.com", 8]],
};

const FAKERS: Record<CountryCode, Faker> = { NL: fakerNL, BE: fakerNL_BE, DE: fakerDE };

export function isoDateToDay(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayIsoDate(): string {
  return new Date().toISOString().slice(0, 10);
}

function validate(options: DemoCompanyOptions): void {
  if (!Number.isInteger(options.customers) || options.customers < 1 || options.customers > 5_000_000) {
    throw new RangeError(`customers must be a whole number from 1 to 5,000,000 (got ${options.customers})`);
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 2 ** 32 - 1) {
    throw new RangeError(`seed must be a whole number from 0 to 4294967295 (got ${options.seed})`);
  }
  if (!Number.isFinite(options.years) || options.years < 0.25 || options.years > 20) {
    throw new RangeError(`years must be between 0.25 and 20 (got ${options.years})`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate) || Number.isNaN(isoDateToDay(options.endDate))) {
    throw new RangeError(`endDate must be a date as YYYY-MM-DD (got "${options.endDate}")`);
  }
}

/**
 * Acquisition days for all customers, sorted, so that customer numbers follow sign-up order. New
 * customers arrive more often as the company grows (+25% a year) and around Sinterklaas and Christmas.
 */
function sampleAcquisitionDays(random: Random, count: number, startDay: number, endDay: number): Int32Array {
  const spanDays = endDay - startDay + 1;
  const days = new Int32Array(count);
  const weight = (day: number) => {
    const growth = Math.pow(1.25, (day - startDay) / 365);
    const month = new Date(day * DAY_MS).getUTCMonth();
    const season = month === 10 || month === 11 ? 1.6 : month === 0 ? 0.8 : 1;
    return growth * season;
  };
  const maxWeight = Math.pow(1.25, spanDays / 365) * 1.6;
  for (let i = 0; i < count; i++) {
    let day: number;
    do {
      day = startDay + Math.floor(random.next() * spanDays);
    } while (random.next() * maxWeight > weight(day));
    days[i] = day;
  }
  return days.sort();
}

function emailLocalPart(first: string, last: string): string {
  return `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z.]/g, "");
}

/** Generates the demo company customer by customer (memory stays flat for any size). */
export function* generateDemoCompany(options: DemoCompanyOptions): Generator<DemoCustomer> {
  validate(options);
  const random = createRandom(options.seed);
  for (const faker of Object.values(FAKERS)) faker.seed(options.seed);
  const endDay = isoDateToDay(options.endDate);
  const startDay = endDay - Math.round(options.years * 365) + 1;
  const acquisitionDays = sampleAcquisitionDays(random, options.customers, startDay, endDay);
  let orderNumber = 0;

  for (let index = 0; index < options.customers; index++) {
    const id = index + 1;
    const firstDay = acquisitionDays[index]!;
    const country = pickWeighted(random, COUNTRIES);
    const faker = FAKERS[country];
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const acquisition = pickWeighted(random, ACQUISITION_CHANNELS.map((c) => [c, c.weight] as const));
    const interest = pickWeighted(random, INTERESTS.map((i) => [i, i.weight] as const));
    const loyaltyMember = random.next() < (acquisition.name === "Store" ? 0.45 : 0.25);
    const newsletter = random.next() < 0.5;
    const preferredChannel: SalesChannel =
      acquisition.name === "Store" ? "Store" : acquisition.name === "Marketplace" ? "Marketplace" : random.next() < 0.3 ? "App" : "Webshop";

    // Latent rates per day: heterogeneous across customers, shifted by the soft data.
    const purchaseRate =
      randomGamma(random, 0.9, 0.9) *
      (BASE_PURCHASES_PER_YEAR / 365) *
      interest.rate *
      (loyaltyMember ? 1.9 : 1) *
      (newsletter ? 1.15 : 1);
    const relativeDefection = randomGamma(random, 0.8, 0.8);
    const defectionRate =
      (relativeDefection / (BASE_LIFETIME_YEARS * 365)) / acquisition.retention * (loyaltyMember ? 0.6 : 1);
    const spendScale = randomGamma(random, SPEND_Q, SPEND_GAMMA);

    const attributes: Record<string, string> = {
      loyalty_member: loyaltyMember ? "yes" : "no",
      newsletter: newsletter ? "yes" : "no",
      interest: interest.name,
      age_group: pickWeighted(random, AGE_GROUPS),
      preferred_contact: pickWeighted(random, PREFERRED_CONTACT),
      preferred_channel: preferredChannel,
    };
    // About 70% answered the satisfaction survey; satisfied customers are the ones who stay.
    if (random.next() < 0.7) {
      const score = Math.round(7.3 - 0.9 * Math.log(relativeDefection) + 1.1 * randomNormal(random));
      attributes.satisfaction = String(Math.min(10, Math.max(1, score)));
    }

    const lastAliveDay = Math.min(endDay, firstDay + Math.floor(randomExponential(random, defectionRate)));
    const transactions: DemoTransaction[] = [];
    let day = firstDay;
    while (day <= lastAliveDay) {
      orderNumber += 1;
      const category =
        random.next() < 0.35 ? interest.favourite : pickWeighted(random, CATEGORY_WEIGHTS);
      const categoryInfo = PRODUCT_CATEGORIES.find((c) => c.name === category)!;
      const orderEuros = randomGamma(random, SPEND_P, spendScale) * interest.spend * categoryInfo.priceFactor;
      const revenueCents = Math.max(295, Math.round(orderEuros * 100));
      const costCents = Math.round(revenueCents * (1 - categoryInfo.margin));
      const channel = random.next() < 0.7 ? preferredChannel : SALES_CHANNELS[randomInt(random, 0, SALES_CHANNELS.length - 1)]!;
      const quantity = category === "Coffee machines" ? 1 : 1 + randomPoisson(random, 0.6);
      const externalId = `ORD${String(orderNumber).padStart(8, "0")}`;
      transactions.push({
        externalId,
        purchaseDate: dayToIsoDate(day),
        revenueCents,
        costCents,
        quantity,
        channel,
        productCategory: category,
      });
      if (random.next() < REFUND_PROBABILITY) {
        const refundDay = day + randomInt(random, 2, 30);
        if (refundDay <= endDay) {
          transactions.push({
            externalId: `${externalId}-R`,
            purchaseDate: dayToIsoDate(refundDay),
            revenueCents: -revenueCents,
            costCents: -costCents,
            quantity: -quantity,
            channel,
            productCategory: category,
          });
        }
      }
      day += Math.max(1, Math.round(randomExponential(random, purchaseRate)));
    }

    const city = pickWeighted(random, CITIES[country]);
    const domain = pickWeighted(random, EMAIL_DOMAINS[country]);
    yield {
      id,
      externalId: `KB${100000 + id}`,
      name: `${firstName} ${lastName}`,
      email: `${emailLocalPart(firstName, lastName)}${id % 7 === 0 ? id % 100 : ""}@${domain}`,
      country,
      city,
      acquisitionChannel: acquisition.name,
      firstSeenDate: dayToIsoDate(firstDay),
      attributes,
      transactions,
    };
  }
}
