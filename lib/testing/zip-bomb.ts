/**
 * A "zip bomb" workbook for tests: a valid .xlsx whose first sheet inflates to `inflatedBytes` (spaces after
 * the sheet's start tag), made without ever holding the inflated sheet in memory. One megabyte of spaces
 * deflates to ~1 KB ending in a sync-flush marker (a byte-aligned empty stored block), so the same bytes
 * repeated N times and a final empty block are a DEFLATE stream of N MB: 1 GB in ~1 MB.
 *
 * `declareSizes: false` writes 1 as every entry's uncompressed size, as a bomb would, so only the unpacking
 * itself can notice. CRCs are left 0 (readers of this project do not check them; Excel would refuse).
 */
import zlib from "node:zlib";
import { strToU8 } from "fflate";

const MB = 1024 * 1024;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function buildZipBomb({ inflatedBytes, declareSizes = false }: { inflatedBytes: number; declareSizes?: boolean }): Buffer {
  const megabytes = Math.ceil(inflatedBytes / MB);
  const start = strToU8(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`);
  const spaces = zlib.deflateRawSync(Buffer.alloc(MB, 0x20), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const head = zlib.deflateRawSync(start, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const sheet = Buffer.concat([head, ...Array<Buffer>(megabytes).fill(spaces), Buffer.from([0x03, 0x00])]);
  const small = (text: string) => ({ data: zlib.deflateRawSync(strToU8(text)), size: strToU8(text).length });
  return zipFile([
    { name: "_rels/.rels", ...small(`<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", ...small(`<workbook ${NS}><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", ...small(`<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: "xl/worksheets/sheet1.xml", data: sheet, size: start.length + megabytes * MB },
  ], declareSizes);
}

/** A ZIP file of DEFLATE entries (APPNOTE.TXT 4.3): local headers and data, then the central directory. */
function zipFile(entries: { name: string; data: Buffer; size: number }[], declareSizes: boolean): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const size = declareSizes ? Math.min(entry.size, 0xfffffffe) : 1;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
