//! One row per annotation as RFC 4180 CSV: header `id,label,start,end,text,note`, offsets in
//! code points, CRLF after every record. See `docs/formats.md`.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or CR) as a formula,
//! which a crafted article could abuse ("CSV injection"). So a text cell (`id`, `label`, `text`,
//! `note`) that starts with one of those, possibly after some `'`, gets one more `'` in front.
//! [`unguard`] undoes it exactly: it drops a leading `'` only where [`guard`] would have added it.

use crate::document::Document;

/// The header record.
pub const HEADER: [&str; 6] = ["id", "label", "start", "end", "text", "note"];
/// The byte-order mark every CSV download starts with, so Excel reads the file as UTF-8 (without
/// it Excel shows “ ” and é as mojibake); spreadsheets and RFC 4180 readers skip it.
pub const EXCEL_BOM: &str = "\u{FEFF}";

/// A CSV text as the bytes of a download: [`EXCEL_BOM`], then the text.
pub fn download_bytes(csv: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(EXCEL_BOM.len() + csv.len());
    out.extend_from_slice(EXCEL_BOM.as_bytes());
    out.extend_from_slice(csv.as_bytes());
    out
}

/// True for a cell a spreadsheet would take for a formula once its leading `'`s are set aside.
fn looks_like_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell with a `'` in front when a spreadsheet could take it for a formula.
pub fn guard(cell: &str) -> String {
    if looks_like_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The inverse of [`guard`].
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => cell,
    }
}

/// A field quoted when it holds `,`, `"`, CR or LF, its quotes doubled (RFC 4180 §2.6–2.7), or
/// `;`: spreadsheets in locales whose list separator is `;` split an unquoted field there, and
/// the piece after it could start a formula (`x;=HYPERLINK(…)`).
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The annotations as CSV, in export order (start, end, id). Line breaks inside a quoted field
/// are kept as they are (LF), so `text` is the exact span once [`unguard`]ed.
pub fn export(doc: &Document) -> String {
    let text = doc.text();
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for a in doc.annotations() {
        let (start, end) = text.chars_of(a.span);
        let label = doc.label(a.label).map_or("", |l| l.name.as_str());
        let cells = [
            field(&guard(a.id.as_str())),
            field(&guard(label)),
            start.0.to_string(),
            end.0.to_string(),
            field(&guard(text.slice(a.span))),
            field(&guard(a.note.as_deref().unwrap_or(""))),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
