//! "Who said what": one row per person (speaker mentions grouped by their same-speaker links,
//! named by the fullest name) with its mentions (folded when many), quotes and claims, a bar
//! chart of quotes per person, and what still lacks a source.

use crate::hooks::{use_dialog_keys, use_focus_on_mount};
use crate::shared::Shared;
use crate::state::ellipsis;
use annotator_core::app::words::n_of;
use annotator_core::attribution::who_said_what;
use annotator_core::{AnnotationId, Document};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`WhoSaidWhat`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document.
    pub doc: Shared<Rc<Document>>,
    /// Jump to an annotation in the article.
    pub on_show: Callback<AnnotationId>,
    /// Download the attribution table as CSV.
    pub on_export_csv: Callback<()>,
    /// "Group speakers": close the view and review proposed same-speaker links.
    pub on_group: Callback<()>,
    /// Close the view.
    pub on_close: Callback<()>,
}

/// Mentions listed openly up to this many; more are folded under their person.
const FOLD_OVER: usize = 3;

/// "1 person", "4 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// The line a folded list of mentions shows: how many, and the ways the person is named
/// ("7 mentions: Ingrid Solvang, Solvang, she").
fn folded_summary(doc: &Document, mentions: &[AnnotationId]) -> String {
    let mut forms: Vec<String> = Vec::new();
    for m in mentions.iter().filter_map(|m| doc.annotation(m)) {
        let t = doc
            .annotation_text(m)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !forms.contains(&t) {
            forms.push(t);
        }
    }
    let shown: Vec<&str> = forms.iter().take(5).map(String::as_str).collect();
    let more = if forms.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    format!(
        "{}: {}{more}",
        n_of(mentions.len(), "mention"),
        shown.join(", ")
    )
}

/// A modal table of attribution: one row per person.
#[component]
pub fn WhoSaidWhat(props: &Props) -> Html {
    let doc = &props.doc;
    let table = who_said_what(doc);
    let dialog_ref = use_node_ref();
    let close_ref = use_node_ref();
    use_focus_on_mount(&close_ref);
    let on_key = use_dialog_keys(&dialog_ref, &props.on_close);
    let item = |id: &AnnotationId| {
        let text = doc
            .annotation(id)
            .map(|a| ellipsis(doc.annotation_text(a), 90))
            .unwrap_or_default();
        let (cb, id) = (props.on_show.clone(), id.clone());
        html! {
            <li>
                <button type="button" class="link" onclick={Callback::from(move |_: MouseEvent| cb.emit(id.clone()))}>
                    { text }
                </button>
            </li>
        }
    };
    let max_quotes = table
        .rows
        .iter()
        .map(|r| r.quotes.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let empty = table.rows.is_empty()
        && table.unattributed_quotes.is_empty()
        && table.unattributed_claims.is_empty();
    html! {
        <div class="backdrop">
            <div class="dialog who-said-what" role="dialog" aria-modal="true"
                aria-labelledby="wsw-title" ref={dialog_ref} onkeydown={on_key}>
                <h2 id="wsw-title">{ "Who said what" }</h2>
                if empty {
                    <div class="empty-state">
                        <p>{ "Nobody is quoted yet. To fill this view:" }</p>
                        <ol>
                            <li>{ "Label a quote (1) and the person who said it (2), or press G for suggestions." }</li>
                            <li>{ "Select the quote and press A, then click its speaker." }</li>
                        </ol>
                    </div>
                } else {
                <figure class="bar-chart" aria-label="Quotes per speaker">
                    <figcaption>{ format!("Quotes per speaker ({})", people(table.rows.len())) }</figcaption>
                    for r in table.rows.iter() {
                        <div class="bar-row">
                            <span class="bar-name">{ r.entity.name.clone() }</span>
                            <span class="bar" style={format!("width: {}%", 100 * r.quotes.len() / max_quotes)}></span>
                            <span class="bar-count">{ r.quotes.len() }</span>
                        </div>
                    }
                </figure>
                <table class="wsw">
                    <thead>
                        <tr><th scope="col">{ "Speaker" }</th><th scope="col">{ "Mentions" }</th>
                            <th scope="col">{ "Quotes" }</th><th scope="col">{ "Claims" }</th></tr>
                    </thead>
                    <tbody>
                        for r in table.rows.iter() {
                            <tr aria-label={r.entity.name.clone()}>
                                <th scope="row">
                                    { r.entity.name.clone() }
                                    <span class="counts">{ format!("{}, {}",
                                        n_of(r.quotes.len(), "quote"), n_of(r.claims.len(), "claim")) }</span>
                                </th>
                                <td>
                                    if r.entity.mentions.len() > FOLD_OVER {
                                        <details>
                                            <summary>{ folded_summary(doc, &r.entity.mentions) }</summary>
                                            <ul>{ for r.entity.mentions.iter().map(item) }</ul>
                                        </details>
                                    } else {
                                        <ul>{ for r.entity.mentions.iter().map(item) }</ul>
                                    }
                                </td>
                                <td><ul>{ for r.quotes.iter().map(item) }</ul></td>
                                <td><ul>{ for r.claims.iter().map(item) }</ul></td>
                            </tr>
                        }
                    </tbody>
                </table>
                <section class="unattributed" aria-label="Without a source">
                    <h3>{ format!("Without a source: {}, {}",
                        n_of(table.unattributed_quotes.len(), "quote"),
                        n_of(table.unattributed_claims.len(), "claim")) }</h3>
                    <ul>
                        { for table.unattributed_quotes.iter().map(item) }
                        { for table.unattributed_claims.iter().map(item) }
                    </ul>
                </section>
                }
                <div class="actions">
                    <button type="button" onclick={unit(&props.on_group)} disabled={table.rows.len() < 2}
                        title="Propose which speaker mentions are the same person, to review">{ "Group speakers" }</button>
                    <button type="button" onclick={unit(&props.on_export_csv)} disabled={empty}>{ "Export attribution CSV" }</button>
                    <button type="button" ref={close_ref} onclick={unit(&props.on_close)}>{ "Close" }</button>
                </div>
            </div>
        </div>
    }
}
