/**
 * Messy files as they come out of a Dutch Excel, a webshop or an ERP, shared by the sniff and row
 * reader tests.
 */

const BOM = [0xef, 0xbb, 0xbf];

/** Text as UTF-8 bytes, optionally with a byte-order mark. */
export function utf8Bytes(text: string, options: { bom?: boolean } = {}): Uint8Array {
  const body = new TextEncoder().encode(text);
  return options.bom ? new Uint8Array([...BOM, ...body]) : body;
}

/** Text as Windows-1252 bytes (only Latin-1 characters, as in the fixtures). */
export function windows1252Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => {
    const code = character.charCodeAt(0);
    if (code > 0xff) throw new Error(`Not in the fixture's Windows-1252 subset: ${character}`);
    return code;
  });
}

/** A Dutch Excel export of orders: BOM, semicolons, decimal commas, CRLF, a quoted note with a line break. */
export const DUTCH_ORDERS = [
  "Klantnummer;Orderdatum;Bedrag incl. BTW;Ordernummer;Kanaal;Opmerking",
  "K001;23-11-2025;1.234,56;ORD-1;webshop;",
  'K002;24-11-2025;12,50;ORD-2;winkel;"Cadeau; inpakken"',
  'K001;01-12-2025;-12,50;ORD-3;webshop;"Retour,\r\nbeschadigd"',
  "K003;02-12-2025;€ 99,95;ORD-4;telefoon;",
  "K004;31-12-2025;0,99;ORD-5;webshop;",
].join("\r\n");

/** A customers export from an older ERP in Windows-1252 with an accented city name. */
export const DUTCH_CUSTOMERS = [
  "Debiteurnummer;Naam;E-mail;Land;Woonplaats;Klant sinds;Nieuwsbrief;Segment",
  "D100;Café de Zwaan;info@zwaan.nl;NL;Bergen op Zoom;01-03-2021;ja;horeca",
  "D101;José Smit;jose@example.nl;BE;Liège;15-07-2022;nee;",
  "D102;=HYPERLINK(\"http://evil.example\",\"klik\");x@example.nl;NL;Delft;;ja;particulier",
].join("\r\n");
