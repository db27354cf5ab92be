//! Choosing the results: best first, each worth hearing on its own, none a copy of a better one
//! with a word swapped.
//!
//! Every spelling `search` offers already meets the standard (one familiar word and digits, or
//! an attested phrase). Here they are ranked by score (ties by letters, then layout, so the
//! order is deterministic), the same letters are kept once (CAR+WASH and a one-word CARWASH
//! keep the better), a blocked word, or a category word the owner has not allowed, read across
//! two words is dropped (`blocklist`), and then
//! the swap rule applies:
//!
//! **A swap** is a spelling with the same layout as a better one already chosen (its groups
//! start at the same places and it has as many letters) that differs from it in exactly one
//! word: CAR-WASH, then BAR-WASH or CAP-WASH. A swap tells the caller nothing new, so every
//! result that is not a swap comes first, in score order, and swaps follow only when too few
//! others exist, in score order too. A different word or a different placement (CAR-WASH,
//! then 22-TAX-... or WASH at another position) is never a swap.
//!
//! **Downbeat** results come last: a result holding a word raters found clearly negative
//! (`Entry::is_downbeat`, `data/downbeat.tsv`: SAD, ILL, FLU, WOE, TUMOR) follows every result
//! without one, swaps included, in score order. It is still offered: for a number that spells
//! nothing else, SAD is better than silence, and the caller hears it only then. Downbeat words
//! are the mild end of the `negative` category, so an owner who allows `negative` (a law firm
//! that wants ACCIDENT and INJURED) has them ranked like any other word.
//!
//! The choice is made the same way for every count up to [`SAME_CHOICE_UP_TO`], so asking
//! for fewer results gives a prefix of asking for more.

use crate::category::{Allowed, Category};
use crate::dictionary;
use crate::search::Spelling;

/// Every count up to this one makes the same choice (a call stores at most one result per
/// keypad digit and the flow speaks the first few).
pub const SAME_CHOICE_UP_TO: usize = crate::contract::MAX_CHOOSABLE;
/// Spellings ranked before the first look: enough for nine results on nearly every number;
/// the rest are ranked only when these run out.
const FIRST_LOOK: usize = 48;

/// The chosen spellings, best first, at most `count`.
pub fn rank(mut spellings: Vec<Spelling>, count: usize, allowed: Allowed) -> Vec<Spelling> {
    if count == 0 || spellings.is_empty() {
        return Vec::new();
    }
    let want = count.max(SAME_CHOICE_UP_TO);
    let look = FIRST_LOOK.min(spellings.len());
    if look < spellings.len() {
        spellings.select_nth_unstable_by(look - 1, by_rank);
    }
    spellings[..look].sort_unstable_by(by_rank);
    let mut chosen: Vec<Spelling> = Vec::with_capacity(want);
    let mut swaps: Vec<Spelling> = Vec::new();
    let mut downbeat: Vec<Spelling> = Vec::new();
    let demote_downbeat = !allowed.allows(Category::Negative);
    let mut sorted_rest = false;
    let mut at = 0;
    while at < spellings.len() && chosen.len() < want {
        if at == look && !sorted_rest {
            spellings[look..].sort_unstable_by(by_rank);
            sorted_rest = true;
        }
        let candidate = spellings[at];
        at += 1;
        let key = candidate.key();
        let seen = |s: &Spelling| s.key() == key;
        if chosen.iter().any(seen) || swaps.iter().any(seen) || downbeat.iter().any(seen) {
            continue;
        }
        if crate::blocklist::spells_blocked_word(&candidate)
            || crate::blocklist::spells_category_word(&candidate, allowed)
        {
            continue;
        }
        if demote_downbeat && is_downbeat(&candidate) {
            downbeat.push(candidate);
        } else if chosen.iter().any(|better| is_swap(&candidate, better)) {
            swaps.push(candidate);
        } else {
            chosen.push(candidate);
        }
    }
    chosen.extend(swaps);
    chosen.extend(downbeat);
    chosen.truncate(count);
    chosen
}

/// Whether a word of `spelling` is downbeat ([`dictionary::Entry::is_downbeat`]).
pub fn is_downbeat(spelling: &Spelling) -> bool {
    spelling
        .ids()
        .iter()
        .any(|&id| dictionary::entry(id).is_some_and(|e| e.is_downbeat()))
}

/// Whether `candidate` is `better` with exactly one word swapped for another at the same place.
pub fn is_swap(candidate: &Spelling, better: &Spelling) -> bool {
    if candidate.layout() != better.layout() || candidate.ids().len() != better.ids().len() {
        return false;
    }
    let differing = candidate
        .ids()
        .iter()
        .zip(better.ids())
        .filter(|(a, b)| a != b)
        .count();
    differing == 1
}

/// Best first: higher total, then letters in byte order, then the layout.
fn by_rank(a: &Spelling, b: &Spelling) -> std::cmp::Ordering {
    b.total
        .total_cmp(&a.total)
        .then_with(|| a.key().cmp(&b.key()))
        .then_with(|| a.layout().cmp(&b.layout()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::spellings;

    fn chosen(digits: &str, count: usize) -> Vec<String> {
        rank(
            spellings(digits.as_bytes(), Allowed::NONE),
            count,
            Allowed::NONE,
        )
        .iter()
        .map(|s| s.groups().collect::<Vec<_>>().join("-"))
        .collect()
    }

    #[test]
    fn a_word_swapped_at_the_same_place_is_a_swap() {
        let all = spellings(b"2279274", Allowed::NONE);
        let find = |text: &str| all.iter().find(|s| s.text() == text).copied();
        let (Some(car_wash), Some(wash)) = (find("CARWASH"), find("227WASH")) else {
            panic!("CAR-WASH and 227-WASH expected");
        };
        assert!(
            !is_swap(&wash, &car_wash),
            "a different layout is not a swap"
        );
        assert!(
            !is_swap(&car_wash, &car_wash),
            "the same words are not a swap"
        );
        // Every other spelling of the same layout and word count differing in one word is.
        for s in all
            .iter()
            .filter(|s| s.layout() == car_wash.layout() && s.ids().len() == 2)
        {
            let same_second = s.ids()[1] == car_wash.ids()[1];
            let same_first = s.ids()[0] == car_wash.ids()[0];
            assert_eq!(
                is_swap(s, &car_wash),
                same_first != same_second,
                "{}",
                s.text()
            );
        }
    }

    #[test]
    fn swaps_come_after_every_other_result_and_nothing_repeats() {
        for digits in [
            "2279274", "2222222", "7246837", "3569377", "4685865", "6927753",
        ] {
            let all = rank(
                spellings(digits.as_bytes(), Allowed::NONE),
                9,
                Allowed::NONE,
            );
            let mut first_swap = None;
            for (k, s) in all.iter().enumerate() {
                let swap = all[..k].iter().any(|b| is_swap(s, b));
                match (swap, first_swap) {
                    (true, None) => first_swap = Some(k),
                    (false, Some(at)) => {
                        // A non-swap after a swap must not be a swap of anything before it.
                        assert!(!all[..k].iter().any(|b| is_swap(s, b)), "{digits} {at}");
                    }
                    _ => {}
                }
            }
            let mut keys: Vec<u128> = all.iter().map(Spelling::key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), all.len(), "{digits}: repeated letters");
        }
    }

    #[test]
    fn downbeat_results_follow_every_other_and_are_still_offered() {
        // SAD outscores PAD on 723 (and PAD would be its swap); SAD now follows it.
        assert_eq!(chosen("7230000", 2), ["PAD-0000", "SAD-0000"]);
        // A number that spells nothing else still hears it.
        assert_eq!(chosen("4559999", 9), ["ILL-9999"]);
        // An owner who allows `negative` has them ranked by score.
        let negative = Allowed::NONE.with(Category::Negative);
        let first = rank(spellings(b"7230000", negative), 1, negative);
        assert_eq!(first[0].text(), "SAD0000");
        // Across many numbers, no downbeat result comes before one without.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut demoted = 0;
        for _ in 0..300 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let digits = format!("{:07}", (state >> 33) % 10_000_000);
            let all = rank(
                spellings(digits.as_bytes(), Allowed::NONE),
                9,
                Allowed::NONE,
            );
            let first_downbeat = all.iter().position(is_downbeat);
            if let Some(at) = first_downbeat {
                assert!(all[at..].iter().all(is_downbeat), "{digits}");
                demoted += usize::from(at > 0);
            }
        }
        assert!(demoted > 0, "the sample holds no number with both kinds");
    }

    #[test]
    fn fewer_results_are_a_prefix_of_more() {
        for digits in ["2279274", "2222222", "7246837", "4685865", "9999999"] {
            let nine = chosen(digits, 9);
            for count in 1..9 {
                let few = chosen(digits, count);
                assert_eq!(few[..], nine[..few.len()], "{digits} {count}");
            }
        }
    }
}
