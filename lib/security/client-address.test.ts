import { describe, expect, test } from "vitest";
import { clientAddress, normaliseAddress, parseTrustedProxies } from "./client-address.mjs";

const none = parseTrustedProxies(undefined).list;
const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, 2001:db8::/32").list;

describe("clientAddress", () => {
  test("without trusted proxies the socket's address is the client, whatever the headers say", () => {
    // The attack of issue 16: a new X-Forwarded-For per guess got a new rate-limit bucket per guess.
    for (let guess = 0; guess < 30; guess++) {
      expect(clientAddress({ socketAddress: "::ffff:198.51.100.9", forwardedFor: `203.0.113.${guess}`, trustedProxies: none })).toBe("198.51.100.9");
    }
    // And a victim's address in the header locks nobody out: it is not the address that is counted.
    expect(clientAddress({ socketAddress: "198.51.100.9", forwardedFor: "192.0.2.44", realIp: "192.0.2.44", trustedProxies: none })).toBe("198.51.100.9");
  });

  test.each([
    // [socket, X-Forwarded-For, X-Real-IP, client]
    ["10.0.0.2", "198.51.100.7", undefined, "198.51.100.7"], // one proxy
    ["10.0.0.2", "1.2.3.4, 198.51.100.7", undefined, "198.51.100.7"], // the client's own entry on the left is ignored
    ["10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.9", undefined, "198.51.100.7"], // two proxies
    ["10.0.0.2", ["1.2.3.4", "198.51.100.7"], undefined, "198.51.100.7"], // the header sent twice
    ["10.0.0.2", "198.51.100.7:51234", undefined, "198.51.100.7"], // with a port
    ["10.0.0.2", "[2001:DB9::1]:443", undefined, "2001:db9::1"],
    ["10.0.0.2", "garbage, 198.51.100.7", undefined, "198.51.100.7"],
    ["10.0.0.2", "198.51.100.7, unknown", undefined, "10.0.0.2"], // a hop that is not an address: the last one vouched for
    ["10.0.0.2", "10.0.0.5, 10.0.0.3", undefined, "10.0.0.5"], // only proxies: the farthest
    ["10.0.0.2", undefined, "198.51.100.8", "198.51.100.8"], // a proxy that sends X-Real-IP only
    ["10.0.0.2", "198.51.100.7", "1.1.1.1", "198.51.100.7"], // X-Forwarded-For wins
    ["10.0.0.2", undefined, undefined, "10.0.0.2"], // the proxy's own request
    ["127.0.0.1", "203.0.113.5", undefined, "203.0.113.5"],
    ["::ffff:127.0.0.1", "203.0.113.5", undefined, "203.0.113.5"], // IPv4 on an IPv6 socket
    ["2001:db8::7", "203.0.113.5", undefined, "203.0.113.5"],
    ["198.51.100.9", "203.0.113.5", "203.0.113.5", "198.51.100.9"], // not from a proxy: headers ignored
    ["11.0.0.1", "203.0.113.5", undefined, "11.0.0.1"], // just outside 10.0.0.0/8
  ] as const)("socket %s, X-Forwarded-For %j, X-Real-IP %s: %s", (socketAddress, forwardedFor, realIp, expected) => {
    expect(clientAddress({ socketAddress, forwardedFor: forwardedFor as string | string[] | undefined, realIp, trustedProxies: proxies })).toBe(expected);
  });

  test("a closed socket has no address", () => {
    expect(clientAddress({ socketAddress: undefined, forwardedFor: "203.0.113.5", trustedProxies: proxies })).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  test("addresses and CIDR ranges, IPv4 and IPv6", () => {
    const { entries, list } = parseTrustedProxies(" 10.0.0.0/8,127.0.0.1 ,, fd00::/8 ");
    expect(entries).toEqual(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);
    expect(list.check("10.255.0.1", "ipv4")).toBe(true);
    expect(list.check("fd12::1", "ipv6")).toBe(true);
    expect(list.check("127.0.0.2", "ipv4")).toBe(false);
  });

  test.each(["10.0.0.0/33", "10.0.0.0/x", "proxy.example", "10.0.0.0/8/8", "2001:db8::/129"])("refuses %s with a message naming it", (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(`KLANTWAARDE_TRUSTED_PROXIES: '${entry}' is not an IP address or a CIDR range`);
  });
});

test.each([
  ["::ffff:192.0.2.1", "192.0.2.1"],
  ["192.0.2.1:8080", "192.0.2.1"],
  ["[::1]", "::1"],
  ["2001:DB8::1", "2001:db8::1"],
  ["unknown", null],
  ["", null],
])("normaliseAddress(%j) = %j", (text, expected) => {
  expect(normaliseAddress(text)).toBe(expected);
});
