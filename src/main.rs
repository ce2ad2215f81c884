fn main() {
    article_annotator::browser::panic::install();
    yew::Renderer::<article_annotator::App>::new().render();
}
