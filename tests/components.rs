//! Component tests in a real browser (wasm-bindgen-test, headless Chromium).

#![cfg(target_arch = "wasm32")]

use annotator_core::{Action, Document, LabelId, Span, Text, Utf16Offset};
use article_annotator::browser::selection::selected_range;
use article_annotator::components::article_view::{ArticleView, Props};
use article_annotator::App;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use yew::NodeRef;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    gloo::utils::body().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn doc_with(text: &str, spans: &[(&str, u32)]) -> Rc<Document> {
    let mut doc = Document::new(Text::new(text), None);
    for (needle, label) in spans {
        let start = text.find(needle).unwrap();
        doc = doc
            .apply(&Action::Create {
                label: LabelId(*label),
                span: Span::new(start, start + needle.len()),
            })
            .unwrap();
    }
    Rc::new(doc)
}

async fn render_article(doc: Rc<Document>) -> (Element, NodeRef) {
    render_article_with(doc, None).await
}

async fn render_article_with(
    doc: Rc<Document>,
    selected: Option<annotator_core::AnnotationId>,
) -> (Element, NodeRef) {
    let root = fresh_root();
    let node_ref = NodeRef::default();
    yew::Renderer::<ArticleView>::with_root_and_props(
        root.clone(),
        Props {
            doc: article_annotator::shared::Shared(doc),
            selected,
            flash: None,
            node_ref: node_ref.clone(),
            on_click_annotations: Default::default(),
            on_resize: Default::default(),
            suggested: Default::default(),
            focused_suggestion: None,
            tied: None,
            on_click_suggestion: Default::default(),
            speakers: Default::default(),
            show_speakers: false,
            opened: 0,
            on_built: Default::default(),
        },
    )
    .render();
    settle().await;
    (root, node_ref)
}

#[wasm_bindgen_test]
async fn app_starts_with_the_paste_box_and_the_sample_button() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    assert!(root.query_selector("textarea").unwrap().is_some());
    let buttons: Vec<String> = {
        let list = root.query_selector_all("button").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
            .collect()
    };
    assert!(
        buttons.iter().any(|b| b == "Load sample article"),
        "{buttons:?}"
    );
    assert!(buttons.iter().any(|b| b == "Annotate"), "{buttons:?}");
}

#[wasm_bindgen_test]
async fn article_view_draws_nested_spans_as_marks_with_their_ids() {
    let doc = doc_with(
        "He said “we start March 18” then left.",
        &[("“we start March 18”", 0), ("March 18", 3)],
    );
    let (root, _) = render_article(doc).await;
    let marks = root.query_selector_all("mark").unwrap();
    let shown: Vec<(String, String)> = (0..marks.length())
        .map(|i| {
            let m: Element = marks.item(i).unwrap().dyn_into().unwrap();
            (
                m.text_content().unwrap(),
                m.get_attribute("data-ann").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("“we start ".to_owned(), "a1".to_owned()),
            ("March 18".to_owned(), "a1 a2".to_owned()),
            ("”".to_owned(), "a1".to_owned()),
        ]
    );
    // Text is never parsed as markup.
    let doc = doc_with("<img src=x onerror=alert(1)> & <b>bold</b>", &[]);
    let (root, _) = render_article(doc).await;
    assert!(root.query_selector("img, b").unwrap().is_none());
    let body = root.query_selector(".article-body").unwrap().unwrap();
    assert_eq!(
        body.text_content().unwrap(),
        "<img src=x onerror=alert(1)> & <b>bold</b>"
    );
}

/// The text node holding UTF-16 offset `at` of the article, and the offset inside it.
fn text_point(root: &Element, at: usize) -> (Node, u32) {
    let segs = root.query_selector_all("[data-o]:not(p)").unwrap();
    for i in (0..segs.length()).rev() {
        let el: Element = segs.item(i).unwrap().dyn_into().unwrap();
        let start: usize = el.get_attribute("data-o").unwrap().parse().unwrap();
        if start <= at {
            return (el.first_child().unwrap(), (at - start) as u32);
        }
    }
    panic!("no segment at {at}");
}

fn select(start: (Node, u32), end: (Node, u32)) {
    let range = gloo::utils::document().create_range().unwrap();
    range.set_start(&start.0, start.1).unwrap();
    range.set_end(&end.0, end.1).unwrap();
    let sel = gloo::utils::window().get_selection().unwrap().unwrap();
    sel.remove_all_ranges().unwrap();
    sel.add_range(&range).unwrap();
}

#[wasm_bindgen_test]
async fn a_dom_selection_maps_to_utf16_offsets_across_emoji_and_paragraphs() {
    let text = "A 😀 b.\n\nSecond 👩🏽‍💻 para.";
    let doc = doc_with(text, &[("b.", 1)]);
    let len16 = doc.text().index().len_utf16();
    let (_root, node_ref) = render_article(doc.clone()).await;
    let article: Element = node_ref.cast().unwrap();

    // From just after the emoji (UTF-16 offset 4) into the second paragraph.
    let second = text.encode_utf16().count() - " para.".encode_utf16().count();
    select(text_point(&article, 4), text_point(&article, second));
    assert_eq!(
        selected_range(&article, len16),
        Some((Utf16Offset(4), Utf16Offset(second)))
    );

    // A selection ending on the paragraph element itself goes to the next segment's start.
    let p2 = article.query_selector_all("p").unwrap().item(1).unwrap();
    select(text_point(&article, 0), (p2.clone(), 0));
    let (a, b) = selected_range(&article, len16).unwrap();
    assert_eq!(a, Utf16Offset(0));
    assert_eq!(b.0, "A 😀 b.\n\n".encode_utf16().count());

    // A selection wholly outside the article is nothing.
    let outside = fresh_root();
    outside.set_text_content(Some("outside text"));
    let t = outside.first_child().unwrap();
    select((t.clone(), 0), (t, 4));
    assert_eq!(selected_range(&article, len16), None);
}

#[wasm_bindgen_test]
async fn the_selected_annotation_is_outlined_with_two_handles_that_hold_no_text() {
    let text = "He said “we start March 18” then left.";
    let doc = doc_with(text, &[("“we start March 18”", 0), ("March 18", 3)]);
    let (root, node_ref) =
        render_article_with(doc.clone(), Some(annotator_core::AnnotationId("a2".into()))).await;
    let handles = root.query_selector_all(".handle").unwrap();
    assert_eq!(handles.length(), 2);
    let selected = root.query_selector_all("mark.selected").unwrap();
    assert_eq!(selected.length(), 1);
    assert_eq!(
        selected.item(0).unwrap().text_content().unwrap(),
        "March 18"
    );
    // The handles add no text, and a selection across one still maps exactly.
    let article: Element = node_ref.cast().unwrap();
    let body = article.query_selector(".article-body").unwrap().unwrap();
    assert_eq!(body.text_content().unwrap(), text);
    let start = text.encode_utf16().count() - "March 18” then left.".encode_utf16().count() - 2;
    let end = start + "t March 18”".encode_utf16().count();
    select(text_point(&article, start), text_point(&article, end));
    assert_eq!(
        selected_range(&article, doc.text().index().len_utf16()),
        Some((Utf16Offset(start), Utf16Offset(end)))
    );
}

#[wasm_bindgen_test]
fn library_ids_from_the_browsers_random_source_never_repeat() {
    // A JSONL import of 2,000 articles makes its ids in one loop, within a millisecond; the old
    // time-plus-16-random-bits ids collided there (1,988 of 2,000 stored). 20,000 here.
    let mut seen = std::collections::HashSet::new();
    for _ in 0..20_000 {
        let id = article_annotator::browser::storage::fresh_id();
        assert_eq!(id.len(), 33, "{id}");
        assert!(id.starts_with('d'));
        assert!(seen.insert(id), "an id repeated");
    }
}
