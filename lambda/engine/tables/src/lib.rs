//! The tables the vanity engine and its build script both read: which digit each letter dials
//! ([`keypad`]), the letters that tag a dictionary word ([`tags`]), the never-offer
//! category names ([`category_names`]) and the values of the phrase tables ([`phrases`]).
//!
//! The build script compiles the dictionary with them and the engine reads the compiled data
//! with them, so the keys, tags and category numbers computed at build time and the checks made
//! at run time cannot disagree. This crate depends on nothing; the engine re-exports its
//! modules (`vanity_engine::keypad`, `vanity_engine::tags`).

pub mod category_names;
pub mod keypad;
pub mod phrases;
pub mod tags;
