//! The `phone-link` Lambda binary: tracing, one Connect client and the scope (the ids
//! Terraform allows, from the environment) per cold start, then the runtime loop around
//! [`phone_link::handler::function_handler`].

use lambda_runtime::{service_fn, LambdaEvent};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let client = phone_link::sdk::client_from_env().await;
    let client = &client;
    let scope = phone_link::scope::Scope::from_env();
    let scope = &scope;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        phone_link::handler::function_handler(client, scope, event).await
    }))
    .await
}
