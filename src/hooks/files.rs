//! Files dropped on the page.

use yew::prelude::*;

/// The page's `dragover` and `drop` handlers: files dropped anywhere go to `import` (all of
/// them); other drags are left to the browser.
#[hook]
pub fn use_file_drop(
    import: &Callback<Vec<web_sys::File>>,
) -> (Callback<DragEvent>, Callback<DragEvent>) {
    let on_drag_over = Callback::from(|e: DragEvent| {
        if e.data_transfer()
            .is_some_and(|d| d.types().includes(&"Files".into(), 0))
        {
            e.prevent_default();
            // Files on their way: the worker that reads other tools' files loads meanwhile.
            crate::browser::worker::warm();
        }
    });
    let on_drop = {
        let import = import.clone();
        Callback::from(move |e: DragEvent| {
            let Some(list) = e.data_transfer().and_then(|d| d.files()) else {
                return;
            };
            let files: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            if !files.is_empty() {
                e.prevent_default();
                import.emit(files);
            }
        })
    };
    (on_drag_over, on_drop)
}
