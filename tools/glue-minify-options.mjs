// The terser options for wasm-bindgen's JS glue: used by the post-build hook (minify-glue.mjs)
// and by bench/named-dist.mjs, which must reproduce the same bytes to check it mixes no builds.
export const GLUE_MINIFY = { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } };
