// A tiny, independent ZIP reader for the tests: reads the central directory,
// checks every local header against it, and returns the members. It reads
// only "stored" members (method 0, no compression) and fails on anything
// else, so a test using it also checks that an archive is uncompressed.
// No ZIP64, no encryption, no multi-disk archives.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i += 1) {
    let c = i;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, as ZIP uses) of a Uint8Array / Buffer. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

/**
 * Reads a ZIP archive (a Buffer). Returns
 * [{ name, data (Buffer), text (UTF-8), method, flags, crc, dosDate, dosTime }]
 * in central directory order. Throws on anything it cannot vouch for.
 */
export function readZip(buf) {
  if (!Buffer.isBuffer(buf)) buf = Buffer.from(buf);
  const fail = (msg) => {
    throw new Error(`zip: ${msg}`);
  };
  // End of central directory: 22 bytes + comment (at most 65535), searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i -= 1) {
    if (buf.readUInt32LE(i) === SIG_END && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('no end of central directory record');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) fail('multi-disk archive');
  const countHere = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  if (countHere !== count) fail('entry counts disagree');
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize !== eocd) fail(`central directory at ${cdOffset}+${cdSize} does not end at ${eocd}`);

  const entries = [];
  let p = cdOffset;
  for (let n = 0; n < count; n += 1) {
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) fail(`no central header #${n} at ${p}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const dosTime = buf.readUInt16LE(p + 12);
    const dosDate = buf.readUInt16LE(p + 14);
    const crc = buf.readUInt32LE(p + 16);
    const compSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x1) fail(`${name}: encrypted`);
    if (method !== 0) fail(`${name}: compressed with method ${method}, expected stored (0)`);
    if (compSize !== size) fail(`${name}: stored but sizes differ (${compSize} vs ${size})`);

    // The local header must agree with the central one.
    const l = localOffset;
    if (buf.readUInt32LE(l) !== SIG_LOCAL) fail(`${name}: no local header at ${l}`);
    const lFlags = buf.readUInt16LE(l + 6);
    const lMethod = buf.readUInt16LE(l + 8);
    const lNameLen = buf.readUInt16LE(l + 26);
    const lExtraLen = buf.readUInt16LE(l + 28);
    const lName = buf.subarray(l + 30, l + 30 + lNameLen);
    if (!lName.equals(nameBytes)) fail(`${name}: local name "${lName}" differs`);
    if (lMethod !== method) fail(`${name}: local method differs`);
    if (!(lFlags & 0x8)) {
      // Without a data descriptor the local sizes and CRC must match too.
      if (buf.readUInt32LE(l + 14) !== crc) fail(`${name}: local CRC differs`);
      if (buf.readUInt32LE(l + 18) !== compSize || buf.readUInt32LE(l + 22) !== size) {
        fail(`${name}: local sizes differ`);
      }
    }
    const start = l + 30 + lNameLen + lExtraLen;
    if (start + size > cdOffset) fail(`${name}: data runs into the central directory`);
    const data = buf.subarray(start, start + size);
    const actual = crc32(data);
    if (actual !== crc) fail(`${name}: CRC ${actual.toString(16)} != ${crc.toString(16)}`);
    entries.push({ name, data, text: data.toString('utf8'), method, flags, crc, dosDate, dosTime });
  }
  if (p !== eocd) fail('central directory size does not match its entries');
  return entries;
}
