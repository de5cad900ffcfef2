/**
 * IP address classification for the outbound guard: which addresses a node may not reach unless
 * private networking is allowed. Pure functions over the textual address, no DNS.
 */
import { isIP } from 'node:net';

/** Why an address is refused, phrased to follow "is": "a loopback address". */
export type AddressReason = string;

interface V4Range {
  base: number;
  bits: number;
  reason: AddressReason;
}

const V4_RANGES: V4Range[] = [
  { base: v4(0, 0, 0, 0), bits: 8, reason: 'an unspecified ("this network", 0.0.0.0/8) address' },
  { base: v4(10, 0, 0, 0), bits: 8, reason: 'a private (10.0.0.0/8) address' },
  { base: v4(100, 64, 0, 0), bits: 10, reason: 'a carrier-grade NAT (100.64.0.0/10) address' },
  { base: v4(127, 0, 0, 0), bits: 8, reason: 'a loopback address' },
  {
    base: v4(169, 254, 0, 0),
    bits: 16,
    reason: 'a link-local (169.254.0.0/16, cloud metadata) address',
  },
  { base: v4(172, 16, 0, 0), bits: 12, reason: 'a private (172.16.0.0/12) address' },
  {
    base: v4(192, 0, 0, 0),
    bits: 24,
    reason: 'an IETF protocol assignment (192.0.0.0/24) address',
  },
  { base: v4(192, 168, 0, 0), bits: 16, reason: 'a private (192.168.0.0/16) address' },
  { base: v4(198, 18, 0, 0), bits: 15, reason: 'a benchmarking (198.18.0.0/15) address' },
  { base: v4(224, 0, 0, 0), bits: 4, reason: 'a multicast address' },
  { base: v4(240, 0, 0, 0), bits: 4, reason: 'a reserved (240.0.0.0/4) or broadcast address' },
];

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Parses dotted-quad IPv4 into an unsigned 32-bit number; null when it is not one. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value >>> 0;
}

/** Parses IPv6 text (with `::`, an embedded IPv4 tail, an optional `%zone`) into 8 groups. */
export function parseIPv6(text: string): number[] | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIP(s) !== 6) return null;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // "::ffff:1.2.3.4" → "::ffff:102:304"
    const ipv4 = parseIPv4(last);
    if (ipv4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(ipv4 >>> 16).toString(16)}:${(ipv4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((x) => (/^[0-9a-fA-F]{1,4}$/.test(x) ? parseInt(x, 16) : NaN)) : [];
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0) return null;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  return groups;
}

function classifyV4(value: number): AddressReason | null {
  for (const range of V4_RANGES) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if ((value & mask) >>> 0 === range.base) return range.reason;
  }
  return null;
}

function classifyV6(g: number[]): AddressReason | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  const embedded = ((g6 << 16) | g7) >>> 0;
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 1) return 'a loopback address';
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 0) return 'an unspecified (::) address';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) forms.
  if (upperZero && (g5 === 0xffff || g5 === 0)) {
    const inner = classifyV4(embedded);
    return inner ? `${inner} (IPv4-mapped)` : null;
  }
  // IPv4-translated (SIIT, ::ffff:0:a.b.c.d) also reaches the embedded IPv4 address.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) {
    const inner = classifyV4(embedded);
    return inner ? `${inner} (IPv4-translated)` : null;
  }
  // Local-use NAT64 (64:ff9b:1::/48, RFC 8215) places the IPv4 address where the operator
  // chooses, so it cannot be vetted: refused whole.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'a local-use NAT64 (64:ff9b:1::/48) address';
  // Teredo (2001::/32) tunnels to an IPv4 server and client the guard cannot see.
  if (g0 === 0x2001 && g1 === 0) return 'a Teredo (2001::/32) tunnel address';
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    const inner = classifyV4(embedded);
    return inner ? `${inner} (NAT64)` : null;
  }
  // 6to4 (2002::/16) embeds the IPv4 address in groups 1-2.
  if (g0 === 0x2002) {
    const inner = classifyV4(((g1 << 16) | g2) >>> 0);
    if (inner) return `${inner} (6to4)`;
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique-local (fc00::/7) address';
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local (fe80::/10) address';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local (fec0::/10) address';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address';
  return null;
}

/**
 * Why `address` (an IPv4 or IPv6 literal) must not be reached without private networking, or
 * null when it is a public address. Text that is not an IP address is refused too.
 */
export function classifyAddress(address: string): AddressReason | null {
  const ipv4 = parseIPv4(address);
  if (ipv4 !== null) return classifyV4(ipv4);
  const groups = parseIPv6(address);
  if (groups) return classifyV6(groups);
  return 'not a valid IP address';
}

/** Whether a URL hostname is an IP literal (IPv6 in brackets or dotted IPv4); returns it bare. */
export function ipLiteral(hostname: string): { address: string; family: 4 | 6 } | null {
  const bare =
    hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const family = isIP(bare);
  if (family === 4 || family === 6) return { address: bare, family };
  return null;
}
