//! Moving items into an order computed apart from them: sorting positions (small) instead of
//! the items (large), then moving each item once.

/// Puts `items[order[k]]` at `k`, in place, following each cycle of the permutation.
pub fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut k = start;
        // A placed position points at itself.
        while order[k] != k {
            let from = order[k];
            order[k] = k;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn permute_puts_each_item_where_the_order_says(
            order in (0usize..40).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let items: Vec<usize> = (100..100 + order.len()).collect();
            let expected: Vec<usize> = order.iter().map(|&i| items[i]).collect();
            let mut permuted = items;
            super::permute(&mut permuted, order);
            prop_assert_eq!(permuted, expected);
        }
    }
}
