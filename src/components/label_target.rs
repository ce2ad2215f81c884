//! One foreign label in the import preview: what carries it, and which of our labels (or a new
//! one) it goes to.

use annotator_core::app::import::LabelChoice;
use annotator_core::app::view::LabelRow;
use annotator_core::LabelId;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`LabelTarget`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The row, as core words it.
    pub row: LabelRow,
    /// Its place in the list, for the select's id.
    pub index: usize,
    /// Our labels: (id, name).
    pub ours: Rc<Vec<(LabelId, String)>>,
    /// A new choice for this label.
    pub on_choose: Callback<(String, LabelChoice)>,
}

/// The select's value for a choice.
fn value(choice: LabelChoice) -> String {
    match choice {
        LabelChoice::Existing(id) => id.0.to_string(),
        LabelChoice::New => "new".to_owned(),
    }
}

/// A label and its select.
#[component]
pub fn LabelTarget(props: &Props) -> Html {
    let id = format!("import-label-{}", props.index);
    let on_change = {
        let (cb, foreign) = (props.on_choose.clone(), props.row.foreign.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let choice = match v.parse::<u32>() {
                Ok(n) => LabelChoice::Existing(LabelId(n)),
                Err(_) => LabelChoice::New,
            };
            cb.emit((foreign.clone(), choice));
        })
    };
    let chosen = value(props.row.choice);
    html! {
        <li class="label-target">
            <label for={id.clone()}>
                <span class="foreign">{ props.row.foreign.clone() }</span>
                <span class="found">{ format!(" ({})", props.row.found) }</span>
            </label>
            <select id={id} onchange={on_change}>
                for (lid, name) in props.ours.iter() {
                    <option value={lid.0.to_string()} selected={chosen == lid.0.to_string()}>
                        { name.clone() }
                    </option>
                }
                <option value="new" selected={chosen == "new"}>
                    { format!("New label “{}”", props.row.new_name) }
                </option>
            </select>
        </li>
    }
}
