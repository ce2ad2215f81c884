//! One paragraph (or one layout block of a very long one), split into plain and highlighted
//! segments.

use crate::shared::Shared;
use annotator_core::label::{band_color, dark_highlight};
use annotator_core::view::{continues, goes_on, segments, AnnRef, Segment, SugRef};
use annotator_core::{AnnotationId, Label, LabelId, Span, Text};
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// Props of [`Paragraph`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The whole text, compared by pointer: comparing a new text by content would read the
    /// whole article once per paragraph.
    pub text: SharedText,
    /// Its place, annotations and badges, compared by pointer.
    pub data: SharedPara,
    /// The labels, for colours and names.
    pub labels: Rc<[Label]>,
    /// The selected annotation, when it touches this paragraph: outlined, with handles.
    pub selected: Option<(AnnotationId, Span)>,
    /// The annotation whose highlight flashes, when it touches this paragraph.
    pub flash: Option<AnnotationId>,
    /// Suggestions touching this paragraph: (index in the review list, span, label, in focus,
    /// tooltip).
    #[prop_or_default]
    pub suggested: Vec<DrawnSuggestion>,
    /// The mention the suggestion in focus ties to (its proposed speaker), when it touches
    /// this paragraph: underlined.
    #[prop_or_default]
    pub tied: Option<Span>,
    /// Its text only, with no highlights (a chunk far from the viewport; see
    /// `article_view::window`).
    #[prop_or_default]
    pub plain: bool,
}

/// A suggestion as a paragraph draws it: (index in the review list, span, label, in focus,
/// tooltip).
pub type DrawnSuggestion = (usize, Span, LabelId, bool, String);

/// A `<p>` whose text is split at annotation boundaries. Every segment carries `data-o`, its
/// UTF-16 offset in the whole text; highlighted ones are `<mark>`s listing their annotations.
#[component]
pub fn Paragraph(props: &Props) -> Html {
    let data = &props.data;
    // A block of a long paragraph cut for layout (`view::blocks`) joins the blocks around it.
    let joins = classes!(
        continues(&props.text, data.span).then_some("cont"),
        goes_on(&props.text, data.span).then_some("open")
    );
    if props.plain {
        let offset = data.utf16_start.to_string();
        return html! {
            <p data-o={offset.clone()} class={joins}>
                <span data-o={offset}>{ props.text.slice(data.span).to_owned() }</span>
            </p>
        };
    }
    let suggested: Vec<SugRef> = props
        .suggested
        .iter()
        .map(|&(index, span, label, focused, _)| SugRef {
            index,
            span,
            label,
            focused,
        })
        .collect();
    let segs = segments(&props.text, data.span, &data.anns, &suggested);
    let selected = props.selected.as_ref();
    let handle = |edge: &'static str| {
        html! {
            <span key={edge} class={classes!("handle", edge)} data-handle={edge} contenteditable="false"
                aria-hidden="true" title="Drag to resize"></span>
        }
    };
    // Every node is keyed (a segment by where it starts, a handle by its edge, a badge by where
    // its quote ends and its place there), so an edit that cuts a segment in two or joins two
    // inserts or removes those nodes alone; unkeyed, every node after the edit was rewritten.
    let mut nodes: Vec<Html> = Vec::with_capacity(segs.len() + 2);
    for seg in segs {
        if selected.is_some_and(|(_, s)| s.start == seg.span.start) {
            nodes.push(handle("start"));
        }
        nodes.push(segment(props, &seg));
        if selected.is_some_and(|(_, s)| s.end == seg.span.end) {
            nodes.push(handle("end"));
        }
        for (i, (_, name)) in data
            .badges
            .iter()
            .filter(|(end, _)| *end == seg.span.end.0)
            .enumerate()
        {
            nodes.push(html! {
                <span key={format!("b{}.{i}", seg.span.end.0)} class="speaker-badge"
                    contenteditable="false" aria-hidden="true"
                    title={format!("Said by {name}")}>{ name.clone() }</span>
            });
        }
    }
    html! {
        <p data-o={data.utf16_start.to_string()} class={joins}>
            { nodes.into_iter().collect::<Html>() }
        </p>
    }
}

/// One segment: plain text, a suggestion or a highlight, keyed by where it starts.
fn segment(props: &Props, seg: &Segment) -> Html {
    let label = |id: LabelId| props.labels.iter().find(|l| l.id == id);
    let selected = props.selected.as_ref();
    let key = seg.span.start.0;
    let content = props.text.slice(seg.span).to_owned();
    let offset = seg.utf16_start.0.to_string();
    let sugs = &seg.suggestions;
    let sug_ids: Vec<String> = sugs.iter().map(|s| s.index.to_string()).collect();
    let sug_focused = sugs.iter().any(|s| s.focused);
    let tied = props
        .tied
        .is_some_and(|t| t.start <= seg.span.start && seg.span.end <= t.end)
        .then_some("tied");
    let sug_color = sugs
        .last()
        .and_then(|s| label(s.label))
        .map(|l| l.color.as_str());
    let sug_style = sug_color.map(|c| {
        format!(
            "; --sug: {}; --sug-d: {}",
            band_color(c, false),
            band_color(c, true)
        )
    });
    let sug_title = sugs
        .iter()
        .filter_map(|s| props.suggested.iter().find(|x| x.0 == s.index))
        .map(|x| x.4.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if seg.layers.is_empty() && sugs.is_empty() {
        html! { <span key={key} data-o={offset}>{ content }</span> }
    } else if seg.layers.is_empty() {
        html! {
            <mark key={key} data-o={offset}
                class={classes!("suggestion", sug_focused.then_some("focused"), tied)}
                data-sug={sug_ids.join(" ")}
                title={sug_title}
                style={sug_style.unwrap_or_default()}>
                { content }
            </mark>
        }
    } else {
        let ids: Vec<&str> = seg.layers.iter().map(|l| l.id.as_str()).collect();
        let names: Vec<&str> = seg
            .layers
            .iter()
            .filter_map(|l| label(l.label).map(|x| x.name.as_str()))
            .collect();
        let inner = seg.layers.last().and_then(|l| label(l.label));
        let is_selected = selected.is_some_and(|(id, _)| seg.layers.iter().any(|l| &l.id == id));
        let is_flashing = props
            .flash
            .as_ref()
            .is_some_and(|f| seg.layers.iter().any(|l| &l.id == f));
        html! {
            <mark key={key} data-o={offset}
                class={classes!(
                    is_selected.then_some("selected"),
                    is_flashing.then_some("flash"),
                    (!sugs.is_empty()).then_some("suggestion"),
                    sug_focused.then_some("focused"),
                    tied
                )}
                data-ann={ids.join(" ")}
                data-sug={(!sugs.is_empty()).then(|| sug_ids.join(" "))}
                data-label={inner.map(|l| l.name.clone()).unwrap_or_default()}
                title={if sugs.is_empty() { names.join(", ") } else { format!("{}; {sug_title}", names.join(", ")) }}
                style={highlight_style(&seg.layers, &label) + &sug_style.unwrap_or_default()}>
                { content }
            </mark>
        }
    }
}

/// What a paragraph shows of the document: its place, the annotations that touch it and the
/// speaker badges in it. Built once and shared while they stay the same, so an edit re-renders
/// only the paragraphs whose annotations it changed.
#[derive(Debug, PartialEq)]
pub struct ParaData {
    /// The paragraph, in bytes.
    pub span: Span,
    /// Its start in UTF-16 units, for selection mapping.
    pub utf16_start: usize,
    /// The annotations that touch it, in document order.
    pub anns: Vec<AnnRef>,
    /// Speaker badges: (byte offset where an attributed quote ends, the speaker's name).
    pub badges: Vec<(usize, AttrValue)>,
}

/// Shared paragraph data, compared by identity.
pub type SharedPara = Shared<Rc<ParaData>>;

/// A shared text, compared by identity.
pub type SharedText = Shared<Arc<Text>>;

thread_local! {
    /// Each label colour's dark-theme highlight, worked out once (a few colours, many marks).
    static DARK: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The dark-theme highlight of a label colour (core's [`dark_highlight`], remembered).
fn dark_of(color: &str) -> String {
    DARK.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, d)) = cache.iter().find(|(c, _)| c == color) {
            return d.clone();
        }
        let d = dark_highlight(color);
        cache.push((color.to_owned(), d.clone()));
        d
    })
}

/// A label colour as the style sheet takes it: `--hl` for the light theme, `--hl-d` for the
/// dark one (where text is light, on a darker shade of the same hue).
pub fn highlight_vars(color: &str) -> String {
    format!("--hl: {color}; --hl-d: {}", dark_of(color))
}

/// The innermost annotation paints the background; each enclosing one adds a band under the
/// text (darker in the light theme, the label's own colour in the dark), so nested and
/// overlapping spans all stay visible. The style sheet picks the theme's values.
fn highlight_style<'a>(layers: &[AnnRef], label: &impl Fn(LabelId) -> Option<&'a Label>) -> String {
    let Some(inner) = layers.last() else {
        return String::new();
    };
    let bg = label(inner.label).map_or("#FFFF00", |l| l.color.as_str());
    let bands = |dark: bool| -> Vec<String> {
        layers
            .iter()
            .rev()
            .skip(1)
            .enumerate()
            .map(|(i, l)| {
                let c = label(l.label).map_or("#888888", |x| x.color.as_str());
                format!("inset 0 -{}px 0 0 {}", 3 * (i + 1), band_color(c, dark))
            })
            .collect()
    };
    let vars = highlight_vars(bg);
    if layers.len() == 1 {
        vars
    } else {
        format!(
            "{vars}; --bands: {}; --bands-d: {}",
            bands(false).join(", "),
            bands(true).join(", ")
        )
    }
}
