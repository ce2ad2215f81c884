//! How far the reading of a large file has got. It shows only once the reading has taken a
//! second (CSS), so a file read quickly never flashes it.

use yew::prelude::*;

/// Props of [`ReadingProgress`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The file's name.
    pub name: AttrValue,
    /// Annotations read.
    pub done: usize,
    /// Annotations in the file.
    pub total: usize,
}

/// A labelled progress bar over the page.
#[component]
pub fn ReadingProgress(props: &Props) -> Html {
    let percent = (props.done * 100).checked_div(props.total).unwrap_or(0);
    html! {
        <div class="reading">
            <label for="reading-progress">{ format!("Reading {}", props.name) }</label>
            <progress id="reading-progress" max={props.total.to_string()}
                value={props.done.to_string()}>{ format!("{percent}%") }</progress>
        </div>
    }
}
