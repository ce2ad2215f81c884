fn main() {
    article_annotator::browser::panic::install();
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has a #app element");
    yew::Renderer::<article_annotator::App>::with_root(root).render();
}
