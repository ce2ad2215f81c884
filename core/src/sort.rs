//! One stable sort shared by every caller.
//!
//! `slice::sort_by` is instantiated afresh for each element type and each comparison closure, at
//! about 3 kB of wasm apiece. These functions sort indices through a trait object instead, so
//! there is one copy of the sorting routine in the bundle, and each caller adds only a permutation.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping the order of equal elements.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    // A list that is in order already (a file's annotations, written sorted) is left as it is,
    // after one comparison per element instead of a sort and a move of every element.
    if v.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater) {
        return;
    }
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Sorts `v` by the key `key` gives, keeping the order of equal elements.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, keeping the order of equal elements.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` gives them (stable: ties keep index order).
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        sort(&mut w);
        assert_eq!(w, ["a", "b", "c"]);
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, ["c", "b", "a"]);
    }

    #[test]
    fn a_list_in_order_stays_and_one_out_of_place_moves() {
        let mut v = vec![(1, 'a'), (1, 'b'), (2, 'c')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'a'), (1, 'b'), (2, 'c')]);
        v.push((0, 'd'));
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'd'), (1, 'a'), (1, 'b'), (2, 'c')]);
    }

    // proptest has no wasm32 backend (it is a native-only dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn agrees_with_std(v in proptest::collection::vec((0u8..8, 0u16..1000), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = v;
            std.sort_by_key(|x| x.0);
            proptest::prop_assert_eq!(ours, std);
        }
    }
}
