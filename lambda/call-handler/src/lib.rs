//! The call-handler Lambda as a library: an Amazon Connect `ContactFlowEvent` in, the flat string
//! map the contact flow reads as `$.External.*` out (keys from [`vanity_engine::contract`]).
//!
//! The binary (`main.rs`) only wires this up: logging, [`settings::Settings`] read once, one
//! DynamoDB client, and [`handle`] behind the Lambda runtime. Everything that decides what the
//! caller hears lives here so the CLI simulator can call exactly the same code with a
//! [`store::MemoryStore`] or [`store::UnavailableStore`] instead of DynamoDB.

pub mod another_number;
pub mod caller;
pub mod choose;
pub mod connect_event;
pub mod deadline;
pub mod event;
pub mod handler;
#[cfg(feature = "lambda")]
pub mod logging;
pub mod offer;
pub mod profile;
pub mod response;
pub mod schema;
pub mod settings;
pub mod store;

pub use handler::{handle, handle_with_profiles};
