//! Criterion benchmarks of the engine's public entry point: a few well-known numbers (one long
//! word, two words, digits and a word, no words at all) and number parsing alone.
//!
//! Run: `cargo bench -p vanity-engine --bench engine`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn lookups(c: &mut Criterion) {
    let cases = [
        ("one word", "+18003569377"),
        ("two words", "+18004685865"),
        ("word and digits", "+18003733411"),
        ("overrun", "+18002668228"),
        ("no letters", "+18001010101"),
        ("many short words", "+12062222222"),
    ];
    let mut group = c.benchmark_group("vanity_numbers");
    for (name, number) in cases {
        group.bench_function(name, |b| {
            b.iter(|| vanity_engine::vanity_numbers(black_box(number), 5))
        });
    }
    group.finish();
    c.bench_function("parse", |b| {
        b.iter(|| vanity_engine::PhoneNumber::parse(black_box("+1 (800) 356-9377")))
    });
}

criterion_group!(benches, lookups);
criterion_main!(benches);
