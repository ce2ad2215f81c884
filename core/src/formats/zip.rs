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

/// Why a zip archive could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    /// No end-of-central-directory record: not a zip, or cut short.
    #[error("not a complete zip archive (no central directory)")]
    NoDirectory,
    /// A header points outside the archive or has the wrong signature.
    #[error("the zip archive is damaged at byte {0}")]
    Damaged(usize),
    /// An entry is compressed; only stored entries can be read here.
    #[error("\"{0}\" is compressed (method {1}); this app reads zips whose files are stored uncompressed, as its own exports are: unzip it and import the files")]
    Compressed(String, u16),
    /// An entry's CRC-32 does not match its bytes.
    #[error("\"{0}\" is damaged (its CRC-32 does not match)")]
    BadCrc(String),
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The files of a zip archive, `(name, contents)` in the order of its central directory.
/// Reads stored (uncompressed) entries, as [`store`] writes them; a compressed entry is an
/// error that names it. Names are taken as UTF-8 (lossily otherwise).
pub fn read(z: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    // The end-of-central-directory record is in the last 22 + 65,535 bytes.
    let lo = z.len().saturating_sub(22 + 0xFFFF);
    let eocd = (lo..z.len().saturating_sub(21))
        .rev()
        .find(|&i| le32(z, i) == Some(0x0605_4B50))
        .ok_or(ZipError::NoDirectory)?;
    let count = le16(z, eocd + 10).ok_or(ZipError::Damaged(eocd))? as usize;
    let mut at = le32(z, eocd + 16).ok_or(ZipError::Damaged(eocd))? as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let bad = ZipError::Damaged(at);
        if le32(z, at) != Some(0x0201_4B50) {
            return Err(bad);
        }
        let field = |off: usize| le16(z, at + off).map(usize::from);
        let (Some(method), Some(crc), Some(size), Some(name_len), Some(extra), Some(comment)) = (
            le16(z, at + 10),
            le32(z, at + 16),
            le32(z, at + 20),
            field(28),
            field(30),
            field(32),
        ) else {
            return Err(bad);
        };
        let local = le32(z, at + 42).ok_or(bad.clone())? as usize;
        let name_bytes = z.get(at + 46..at + 46 + name_len).ok_or(bad)?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        if le32(z, local) != Some(0x0403_4B50) {
            return Err(ZipError::Damaged(local));
        }
        let local_name = le16(z, local + 26).ok_or(ZipError::Damaged(local))? as usize;
        let local_extra = le16(z, local + 28).ok_or(ZipError::Damaged(local))? as usize;
        let start = local + 30 + local_name + local_extra;
        let next = at + 46 + name_len + extra + comment;
        if method != 0 {
            if name.ends_with('/') {
                at = next;
                continue;
            }
            return Err(ZipError::Compressed(name, method));
        }
        let data = z
            .get(start..start + size as usize)
            .ok_or(ZipError::Damaged(start))?;
        if crc32(data) != crc {
            return Err(ZipError::BadCrc(name));
        }
        out.push((name, data.to_vec()));
        at = next;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn what_store_writes_read_gives_back() {
        let files: [(&str, &[u8]); 3] =
            [("a.txt", b"one"), ("d/\u{e9}.ann", b""), ("b", b"\x00\xff")];
        let z = store(&files);
        let back = read(&z).unwrap();
        let want: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
            .collect();
        assert_eq!(back, want);
        assert_eq!(read(b"PK\x03\x04 short"), Err(ZipError::NoDirectory));
        let mut bad = z.clone();
        bad[36] ^= 1; // a byte of the first file's contents (30 + 5 bytes of name)
        assert_eq!(read(&bad), Err(ZipError::BadCrc("a.txt".into())));
    }
}
