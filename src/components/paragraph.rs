//! One paragraph, split into plain and highlighted segments.

use annotator_core::view::{segments, AnnRef, Segment};
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
    /// Suggestions touching this paragraph: (index in the review list, span, label, in focus).
    #[prop_or_default]
    pub suggested: Vec<(usize, Span, LabelId, bool)>,
}

/// A `<p>` whose text is split at annotation boundaries. Every segment carries `data-o`, its
/// UTF-16 offset in the whole text; highlighted ones are `<mark>`s listing their annotations.
#[component]
pub fn Paragraph(props: &Props) -> Html {
    // Suggestions are cut into segments like annotations, as layers whose id starts with `?`.
    let with_suggestions;
    let anns: &[AnnRef] = if props.suggested.is_empty() {
        &props.data.anns
    } else {
        with_suggestions = props
            .data
            .anns
            .iter()
            .cloned()
            .chain(props.suggested.iter().map(|(i, span, label, _)| AnnRef {
                id: AnnotationId(format!("?{i}")),
                label: *label,
                span: *span,
            }))
            .collect::<Vec<_>>();
        &with_suggestions
    };
    let data = &props.data;
    let segs = segments(&props.text, data.span, anns);
    let label = |id: LabelId| props.labels.iter().find(|l| l.id == id);
    let selected = props.selected.as_ref();
    // The paragraph's content is one string of HTML, parsed by the browser in one call: building
    // thousands of highlights node by node costs a call from wasm per node and attribute.
    // Every piece of text and every attribute value is escaped.
    let mut h = String::with_capacity(data.span.len() * 2 + 64);
    let handle = |h: &mut String, edge: &str| {
        h.push_str("<span class=\"handle ");
        h.push_str(edge);
        h.push_str("\" data-handle=\"");
        h.push_str(edge);
        h.push_str(
            "\" contenteditable=\"false\" aria-hidden=\"true\" title=\"Drag to resize\"></span>",
        );
    };
    for seg in segs {
        if selected.is_some_and(|(_, s)| s.start == seg.span.start) {
            handle(&mut h, "start");
        }
        let content = props.text.slice(seg.span);
        let offset = seg.utf16_start.0.to_string();
        let (sugs, layers): (Vec<AnnRef>, Vec<AnnRef>) = seg
            .layers
            .iter()
            .cloned()
            .partition(|l| l.id.as_str().starts_with('?'));
        let seg = Segment { layers, ..seg };
        let sug_ids: Vec<&str> = sugs.iter().map(|l| &l.id.as_str()[1..]).collect();
        let sug_focused = sugs.iter().any(|l| {
            props
                .suggested
                .iter()
                .any(|(i, _, _, f)| *f && l.id.as_str()[1..] == i.to_string())
        });
        let sug_color = sugs
            .last()
            .and_then(|l| label(l.label))
            .map(|l| darken(&l.color));
        let sug_style =
            sug_color.map(|c| format!("; outline: 2px dashed {c}; outline-offset: -1px"));
        if seg.layers.is_empty() && sugs.is_empty() {
            h.push_str("<span data-o=\"");
            h.push_str(&offset);
            h.push_str("\">");
            escape(&mut h, content);
            h.push_str("</span>");
        } else {
            let mut classes: Vec<&str> = Vec::new();
            let mut attrs: Vec<(&str, String)> = Vec::new();
            if seg.layers.is_empty() {
                classes.push("suggestion");
                if sug_focused {
                    classes.push("focused");
                }
                attrs.push(("data-sug", sug_ids.join(" ")));
                attrs.push(("title", "Suggestion".to_owned()));
                attrs.push(("style", sug_style.unwrap_or_default()));
            } else {
                let ids: Vec<&str> = seg.layers.iter().map(|l| l.id.as_str()).collect();
                let names: Vec<&str> = seg
                    .layers
                    .iter()
                    .filter_map(|l| label(l.label).map(|x| x.name.as_str()))
                    .collect();
                let inner = seg.layers.last().and_then(|l| label(l.label));
                if selected.is_some_and(|(id, _)| seg.layers.iter().any(|l| &l.id == id)) {
                    classes.push("selected");
                }
                if props
                    .flash
                    .as_ref()
                    .is_some_and(|f| seg.layers.iter().any(|l| &l.id == f))
                {
                    classes.push("flash");
                }
                if !sugs.is_empty() {
                    classes.push("suggestion");
                }
                if sug_focused {
                    classes.push("focused");
                }
                attrs.push(("data-ann", ids.join(" ")));
                if !sugs.is_empty() {
                    attrs.push(("data-sug", sug_ids.join(" ")));
                }
                attrs.push((
                    "data-label",
                    inner.map(|l| l.name.clone()).unwrap_or_default(),
                ));
                attrs.push(("title", names.join(", ")));
                attrs.push((
                    "style",
                    highlight_style(&seg.layers, &label) + &sug_style.unwrap_or_default(),
                ));
            }
            h.push_str("<mark data-o=\"");
            h.push_str(&offset);
            h.push('"');
            if !classes.is_empty() {
                h.push_str(" class=\"");
                h.push_str(&classes.join(" "));
                h.push('"');
            }
            for (name, value) in &attrs {
                h.push(' ');
                h.push_str(name);
                h.push_str("=\"");
                escape(&mut h, value);
                h.push('"');
            }
            h.push('>');
            escape(&mut h, content);
            h.push_str("</mark>");
        }
        if selected.is_some_and(|(_, s)| s.end == seg.span.end) {
            handle(&mut h, "end");
        }
        for (_, name) in data.badges.iter().filter(|(end, _)| *end == seg.span.end.0) {
            h.push_str("<span class=\"speaker-badge\" contenteditable=\"false\" aria-hidden=\"true\" title=\"Said by ");
            escape(&mut h, name);
            h.push_str("\">");
            escape(&mut h, name);
            h.push_str("</span>");
        }
    }
    // The `<p>` itself stays a Yew element: only its content is replaced on a re-render.
    html! {
        <p data-o={data.utf16_start.to_string()}>
            { Html::from_html_unchecked(AttrValue::from(h)) }
        </p>
    }
}

/// Appends `s` escaped for HTML text and double-quoted attribute values.
fn escape(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
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

/// Shared paragraph data whose equality is identity, for props.
#[derive(Clone, Debug)]
pub struct SharedPara(pub Rc<ParaData>);

impl PartialEq for SharedPara {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedPara {
    type Target = ParaData;
    fn deref(&self) -> &ParaData {
        &self.0
    }
}

/// A shared text whose equality is identity, for props.
#[derive(Clone, Debug)]
pub struct SharedText(pub Arc<Text>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedText {
    type Target = Text;
    fn deref(&self) -> &Text {
        &self.0
    }
}

/// The innermost annotation paints the background; each enclosing one adds a darker band under
/// the text, so nested and overlapping spans all stay visible.
fn highlight_style<'a>(layers: &[AnnRef], label: &impl Fn(LabelId) -> Option<&'a Label>) -> String {
    let Some(inner) = layers.last() else {
        return String::new();
    };
    let bg = label(inner.label).map_or("#FFFF00", |l| l.color.as_str());
    let bands: Vec<String> = layers
        .iter()
        .rev()
        .skip(1)
        .enumerate()
        .map(|(i, l)| {
            let c = label(l.label).map_or("#888888", |x| x.color.as_str());
            format!("inset 0 -{}px 0 0 {}", 3 * (i + 1), darken(c))
        })
        .collect();
    if bands.is_empty() {
        format!("background-color: {bg}")
    } else {
        format!("background-color: {bg}; box-shadow: {}", bands.join(", "))
    }
}

/// A darker shade of `#RRGGBB` for underline bands.
fn darken(hex: &str) -> String {
    let ch = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("88"), 16).unwrap_or(0x88);
    let d = |v: u8| (u16::from(v) * 55 / 100) as u8;
    format!("#{:02X}{:02X}{:02X}", d(ch(1)), d(ch(3)), d(ch(5)))
}
