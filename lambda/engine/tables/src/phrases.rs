//! Values the build script writes into the pair tables, or marks words by, and the engine's
//! phrase rules read back: one definition, so the two cannot disagree.

/// Everyday: Zipf 4.0 or more (x 10), ten uses per million words. The words of a phrase
/// pattern (the engine's `pattern`), and the nouns the build script counts when it marks an
/// adjective as a modifier.
pub const EVERYDAY_ZIPF: u8 = 40;

/// The least used pair a usage list holds (`data/bigrams.tsv`, and `data/compounds.tsv` and
/// the language model's collocations, which are taken as such): bigram Zipf 2.0, x 10.
pub const LISTED_FLOOR_ZIPF10: u8 = 20;

/// The value `data/lm-pairs.tsv` gives a pair the language model holds that is no
/// collocation: below every list's floor, so the engine tells it by this value alone. Not
/// attested on its own; offered only where a phrase pattern makes it.
pub const HELD_ZIPF10: u8 = 1;
