//! A minimal ZIP writer for bundling exports into one download: every file "stored" (method 0,
//! no compression), with its CRC-32, UTF-8 names (general-purpose flag bit 11) and a fixed
//! modification time of 1980-01-01 00:00 (the earliest DOS date), so the same files always give
//! the same bytes. No ZIP64, encryption, comments or extra fields.

/// General-purpose flag bit 11: names and comments are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// DOS date 1980-01-01: (year - 1980) << 9 | month << 5 | day.
pub const DOS_DATE: u16 = 1 << 5 | 1;
/// DOS time 00:00:00.
pub const DOS_TIME: u16 = 0;
/// Version needed to extract: 1.0, enough for stored files.
const VERSION_NEEDED: u16 = 10;
/// Version made by: 2.0, MS-DOS attributes (all zero).
const VERSION_MADE_BY: u16 = 20;

/// The CRC-32 lookup table (IEEE 802.3 polynomial, reflected: `0xEDB88320`).
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `bytes`, as ZIP (and gzip, PNG) compute it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A 32-bit size or offset; ZIP without ZIP64 can't hold more.
fn size32(n: usize, what: &str) -> u32 {
    u32::try_from(n).unwrap_or_else(|_| panic!("{what} ({n} bytes) needs ZIP64"))
}

/// A ZIP archive of `files` (`(name, contents)`, in that order), every file stored uncompressed.
///
/// Names should be relative paths with `/` separators (`article.ann`, `brat/article.txt`); they
/// are written as given, in UTF-8.
///
/// # Panics
/// With more than 65,535 files, or when a file, a name or the archive reaches 4 GiB (that would
/// need ZIP64, which this writer does not speak).
pub fn store(files: &[(&str, &[u8])]) -> Vec<u8> {
    let count = u16::try_from(files.len()).expect("more than 65,535 files need ZIP64");
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = size32(out.len(), "the archive");
        let crc = crc32(data);
        let size = size32(data.len(), name);
        let name_len = u16::try_from(name.len()).expect("a file name longer than 65,535 bytes");
        // Local file header.
        u32le(&mut out, 0x0403_4B50);
        u16le(&mut out, VERSION_NEEDED);
        u16le(&mut out, UTF8_NAMES);
        u16le(&mut out, 0); // method: stored
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, size); // compressed size
        u32le(&mut out, size); // uncompressed size
        u16le(&mut out, name_len);
        u16le(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory header.
        u32le(&mut central, 0x0201_4B50);
        u16le(&mut central, VERSION_MADE_BY);
        u16le(&mut central, VERSION_NEEDED);
        u16le(&mut central, UTF8_NAMES);
        u16le(&mut central, 0); // method: stored
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, size);
        u32le(&mut central, size);
        u16le(&mut central, name_len);
        u16le(&mut central, 0); // extra field length
        u16le(&mut central, 0); // comment length
        u16le(&mut central, 0); // disk number start
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = size32(out.len(), "the archive");
    let cd_size = size32(central.len(), "the central directory");
    out.extend_from_slice(&central);
    // End of central directory record.
    u32le(&mut out, 0x0605_4B50);
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // disk with the central directory
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0); // comment length
    size32(out.len(), "the archive");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
