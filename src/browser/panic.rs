//! A panic never dies silently: it is logged and shown in the page.

use std::panic;

/// Installs the panic hook: the message goes to the console and into the page's alert box.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(detail: &str) {
    let document = gloo::utils::document();
    if let Some(el) = document.get_element_by_id("panic") {
        el.set_text_content(Some(&format!(
            "Something went wrong inside the app ({detail}). What you see may be out of date: \
             copy any text you need, then reload the page."
        )));
        let _ = el.remove_attribute("hidden");
    }
}
