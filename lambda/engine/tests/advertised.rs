//! Quality on real advertised vanity numbers (table in `vanity_quality::advertised`): the
//! advertised letters must be among the top 5 for nearly all of them.

use vanity_quality::advertised;

#[test]
fn advertised_words_are_in_the_top_five() {
    let mut misses = Vec::new();
    let ranks = advertised::ranks();
    for (advertised, number, rank, got) in &ranks {
        match rank {
            Some(rank) => println!("hit  #{} {advertised:<12} {number}", rank + 1),
            None => {
                println!("MISS    {advertised:<12} {number} got {got:?}");
                misses.push(*advertised);
            }
        }
    }
    let hits = ranks.len() - misses.len();
    println!(
        "hit rate: {hits}/{} ({:.0}%)",
        ranks.len(),
        100.0 * hits as f64 / ranks.len() as f64
    );
    assert!(
        hits >= advertised::MIN_HITS,
        "hit rate dropped below {}: missed {misses:?}",
        advertised::MIN_HITS
    );
}
