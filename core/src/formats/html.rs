//! The annotated article as one self-contained HTML file, to read anywhere and to print: the
//! text with its highlights (nested spans as bands under the text, as in the app), each quote's
//! speaker after it, a legend of the labels and the "Who said what" table. The style sheet is
//! inline and there is no script; the file's own Content-Security-Policy refuses everything but
//! that style, so even a crafted title or text could not run or load anything. Every piece of
//! text, name and id is HTML-escaped.

use crate::attribution::{speaker_names, who_said_what};
use crate::document::{AnnotationId, Document};
use crate::label::{band_color, is_hex_color, LabelId};
use crate::view::{group_by_paragraph, segments};

/// `s` with `& < > " '` escaped, safe in text and in a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style sheet: light, readable, and printed with its highlights.
const STYLE: &str = "\
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}\
:root{color-scheme:light}\
body{margin:2rem auto;max-width:46rem;padding:0 1rem;color:#1b1f24;background:#fff;\
font-family:Georgia,\"Noto Serif\",\"Times New Roman\",serif;font-size:1.05rem;line-height:1.75}\
h1{font-size:1.5rem;line-height:1.3}h2{font-size:1.15rem;margin-top:2rem;break-after:avoid}\
.meta{color:#59636e;font-family:system-ui,sans-serif;font-size:.85rem}\
article p{margin:0 0 1em;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}\
mark{color:inherit;border-radius:2px;padding:.1em 0;box-decoration-break:clone;-webkit-box-decoration-break:clone}\
.speaker{font-family:system-ui,sans-serif;font-size:.72em;white-space:nowrap;margin:0 .2em;padding:0 .4em;\
border:1px solid #1d3557;border-radius:999px;color:#1d3557}\
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-family:system-ui,sans-serif;font-size:.9rem}\
.legend mark{padding:.1em .4em}\
table{border-collapse:collapse;width:100%;font-family:system-ui,sans-serif;font-size:.9rem}\
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #d0d7de}\
tr{break-inside:avoid}td ul{margin:0;padding-left:1rem}\
@media print{body{margin:0;max-width:none;font-size:11pt}}";

/// The annotated article as a complete HTML document.
pub fn export(doc: &Document) -> String {
    let title = doc
        .title()
        .map_or_else(|| "Annotated article".to_owned(), str::to_owned);
    let mut out = String::with_capacity(doc.text().as_str().len() * 2 + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"und\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}",
        escape(&title)
    ));
    for l in doc.labels() {
        let color = if is_hex_color(&l.color) {
            l.color.as_str()
        } else {
            "#FFFF00"
        };
        out.push_str(&format!(".l{}{{background-color:{color}}}", l.id.0));
    }
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    let n = doc.annotations().len();
    out.push_str(&format!(
        "<p class=\"meta\">{n} annotation{}, exported from Article Annotator.</p>\n",
        if n == 1 { "" } else { "s" }
    ));
    legend(doc, &mut out);
    article(doc, &mut out);
    table(doc, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// The labels, each in its colour, with how many annotations have it.
fn legend(doc: &Document, out: &mut String) {
    out.push_str("<h2>Labels</h2>\n<ul class=\"legend\">\n");
    for l in doc.labels() {
        let count = doc.annotations().iter().filter(|a| a.label == l.id).count();
        out.push_str(&format!(
            "<li><mark class=\"l{}\">{}</mark> {count}</li>\n",
            l.id.0,
            escape(&l.name)
        ));
    }
    out.push_str("</ul>\n");
}

/// The text, paragraph by paragraph, cut into segments at annotation boundaries.
fn article(doc: &Document, out: &mut String) {
    let text = doc.text();
    let names = speaker_names(doc);
    let label_name = |id: LabelId| doc.label(id).map_or("", |l| l.name.as_str());
    let color = |id: LabelId| doc.label(id).map_or("#888888", |l| l.color.as_str());
    let paragraphs = text.paragraphs();
    let groups = group_by_paragraph(&paragraphs, doc.annotations());
    out.push_str("<h2>Article</h2>\n<article>\n");
    for (p, anns) in paragraphs.iter().zip(&groups) {
        out.push_str("<p>");
        for seg in segments(text, *p, anns, &[]) {
            let content = escape(text.slice(seg.span));
            match seg.layers.last() {
                None => out.push_str(&content),
                Some(inner) => {
                    let ids: Vec<String> =
                        seg.layers.iter().map(|l| escape(l.id.as_str())).collect();
                    let titles: Vec<&str> =
                        seg.layers.iter().map(|l| label_name(l.label)).collect();
                    let bands: Vec<String> = seg
                        .layers
                        .iter()
                        .rev()
                        .skip(1)
                        .enumerate()
                        .map(|(i, l)| {
                            format!(
                                "inset 0 -{}px 0 0 {}",
                                3 * (i + 1),
                                band_color(color(l.label), false)
                            )
                        })
                        .collect();
                    let style = if bands.is_empty() {
                        String::new()
                    } else {
                        format!(" style=\"box-shadow:{}\"", bands.join(","))
                    };
                    out.push_str(&format!(
                        "<mark class=\"l{}\" data-ann=\"{}\" title=\"{}\"{style}>{content}</mark>",
                        inner.label.0,
                        ids.join(" "),
                        escape(&titles.join(", "))
                    ));
                }
            }
            // Who said it, after the end of each attributed quote or claim that ends here.
            for l in &seg.layers {
                if l.span.end == seg.span.end {
                    if let Some(name) = names.get(&l.id) {
                        out.push_str(&format!(
                            "<span class=\"speaker\" data-for=\"{}\">— {}</span>",
                            escape(l.id.as_str()),
                            escape(name)
                        ));
                    }
                }
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("</article>\n");
}

/// "Who said what": each speaker with their quotes and claims, then what has no speaker.
fn table(doc: &Document, out: &mut String) {
    let wsw = who_said_what(doc);
    let list = |ids: &[AnnotationId]| -> String {
        if ids.is_empty() {
            return String::new();
        }
        let items: String = ids
            .iter()
            .filter_map(|id| doc.annotations().iter().find(|a| &a.id == id))
            .map(|a| format!("<li>{}</li>", escape(doc.annotation_text(a))))
            .collect();
        format!("<ul>{items}</ul>")
    };
    out.push_str("<h2>Who said what</h2>\n<table>\n<thead><tr><th scope=\"col\">Speaker</th>");
    out.push_str(
        "<th scope=\"col\">Quotes</th><th scope=\"col\">Claims</th></tr></thead>\n<tbody>\n",
    );
    let mut any = false;
    for row in wsw
        .rows
        .iter()
        .filter(|r| !r.quotes.is_empty() || !r.claims.is_empty())
    {
        any = true;
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n",
            escape(&row.entity.name),
            list(&row.quotes),
            list(&row.claims)
        ));
    }
    if !wsw.unattributed_quotes.is_empty() || !wsw.unattributed_claims.is_empty() {
        any = true;
        out.push_str(&format!(
            "<tr><th scope=\"row\">No speaker</th><td>{}</td><td>{}</td></tr>\n",
            list(&wsw.unattributed_quotes),
            list(&wsw.unattributed_claims)
        ));
    }
    if !any {
        out.push_str("<tr><td colspan=\"3\">No quotes or claims.</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
