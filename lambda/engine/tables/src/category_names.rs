//! The names of the never-offer categories, in the order their numbers are compiled in
//! (`data/categories.tsv` names them; the engine's `Category` is the typed form). The engine's
//! build script compiles each word's category number and threat bit with them, and two more
//! bits of the same flags byte, [`MODIFIER`] and [`DOWNBEAT`].

/// Every category name, in order: the compiled-in number of a category is its index plus one
/// (zero means "in no category").
pub const NAMES: [&str; 7] = [
    "violence", "death", "drugs", "sexual", "hate", "identity", "negative",
];

/// The bit in a word's compiled flags byte that marks a verb of harm (the threat rule).
pub const THREAT_VERB: u8 = 1 << 7;

/// The bit in a word's compiled flags byte that marks an adjective the pair lists show mostly
/// before everyday nouns (BLUE, BAD; not SURE, FIT): the first word of the engine's
/// adjective-noun phrase pattern. Set by the build script from the lists, see its
/// `MODIFIER_SHARE`.
pub const MODIFIER: u8 = 1 << 4;

/// The bit in a word's compiled flags byte that marks a downbeat word (`data/downbeat.tsv`:
/// SAD, ILL, FLU, rated clearly negative though above the never-offer bar): offered, but
/// after every result without one.
pub const DOWNBEAT: u8 = 1 << 5;

/// The flags byte's bits that hold the category number.
pub const CATEGORY_MASK: u8 = 0x0F;

/// The number (index plus one) of a category name.
pub fn number(name: &str) -> Option<u8> {
    NAMES.iter().position(|n| *n == name).map(|i| i as u8 + 1)
}
