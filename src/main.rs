fn main() {
    article_annotator::browser::panic::install();
    // Before the first paint, so a chosen theme never flashes the other one.
    article_annotator::browser::theme::apply(article_annotator::browser::theme::stored());
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has a #app element");
    yew::Renderer::<article_annotator::App>::with_root(root).render();
}
