/**
 * Writes a CSV file's bytes straight into a buffer that is written out a megabyte at a time: numbers are
 * formatted digit by digit into it and ASCII text is copied code by code, so writing a score file makes no
 * string per cell or row. Building the rows as strings (2026-12-07) kept the garbage collector busy for
 * ~0.35 s of a 3.2 s `clv score` on 400k customers, copying the strings that a megabyte of rows is made of.
 */
import { writeSync } from "node:fs";

const BUFFER_BYTES = 1 << 20;

/** At most this many decimals are written; trailing zeros are dropped. */
const DECIMALS = 6;
const SCALE = 10 ** DECIMALS;

/**
 * Writes all of `bytes` to a file descriptor. `writeSync` on a pipe (stdout) may take only part of it, or
 * nothing for a moment (EAGAIN) while the reader is behind: without this loop the rest was lost silently.
 */
export function writeAllSync(descriptor: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

export class CsvByteWriter {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private at = 0;

  constructor(private readonly descriptor: number) {}

  /** Room for `bytes` more bytes: the buffer is written out first when they would not fit. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  /** Text as UTF-8 (ASCII code by code, anything else by Buffer.write). */
  text(text: string): void {
    this.room(3 * text.length);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) {
        at += buffer.write(text.slice(i), at, "utf8");
        break;
      }
      buffer[at++] = code;
    }
    this.at = at;
  }

  /** One ASCII character by its code (44 for a comma, 10 for a line end). */
  byte(code: number): void {
    this.room(1);
    this.buffer[this.at++] = code;
  }

  /**
   * A number with at most six decimals, trailing zeros dropped, as `String` would write the rounded value
   * (very large values, ≥ 9e9, as `String` writes them).
   *
   * @example number(2.5) writes "2.5"; number(1 / 3) writes "0.333333"; number(-0.0000001) writes "0"
   */
  number(value: number): void {
    if (!Number.isFinite(value)) throw new Error(`internal error: a score is not finite (${value})`);
    const scaled = Math.round(Math.abs(value) * SCALE);
    if (scaled >= 9e15) {
      this.text(String(value));
      return;
    }
    this.room(32);
    if (value < 0 && scaled !== 0) this.buffer[this.at++] = 45; // -
    const integer = Math.floor(scaled / SCALE);
    this.digits(integer, 0);
    let fraction = scaled - integer * SCALE;
    if (fraction === 0) return;
    let decimals = DECIMALS;
    while (fraction % 10 === 0) {
      fraction /= 10;
      decimals--;
    }
    this.buffer[this.at++] = 46; // .
    this.digits(fraction, decimals);
  }

  /** A whole number ≥ 0 in decimal digits, padded with leading zeros to `width`. */
  private digits(whole: number, width: number): void {
    let count = 1;
    for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) count++;
    if (count < width) count = width;
    const buffer = this.buffer;
    let rest = whole;
    for (let k = this.at + count - 1; k >= this.at; k--) {
      const next = Math.floor(rest / 10);
      buffer[k] = 48 + (rest - next * 10);
      rest = next;
    }
    this.at += count;
  }

  /** Writes out what the buffer holds. */
  flush(): void {
    if (this.at === 0) return;
    writeAllSync(this.descriptor, this.buffer.subarray(0, this.at));
    this.at = 0;
  }
}
