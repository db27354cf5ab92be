//! The call-handler Lambda binary: wiring only. Logic lives in the `call_handler` library.

use call_handler::profile::sdk::SdkProfiles;
use call_handler::{handle_with_profiles, logging, settings::Settings, store::DynamoStore};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::Value;

/// The Customer Profiles client makes one attempt per call: the lookup has a deadline of a
/// few hundred milliseconds on the caller's path, and a throttled search is better skipped
/// than retried into it (the caller then hears the order without profile words).
fn sdk_profiles_config(config: &aws_config::SdkConfig) -> aws_sdk_customerprofiles::Config {
    aws_sdk_customerprofiles::config::Builder::from(config)
        .retry_config(aws_config::retry::RetryConfig::disabled())
        .build()
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    logging::init();
    let settings =
        &Settings::from_env().inspect_err(|error| tracing::error!(%error, "bad settings"))?;
    let config = aws_setup::loader().load().await;
    let store = &DynamoStore::new(
        aws_sdk_dynamodb::Client::new(&config),
        settings.table_name.clone(),
    );
    // Only with a domain (vanity.yaml `caller_profiles`): otherwise no client is built and
    // the handler answers as it always has.
    let profiles = &settings.profiles.domain.as_ref().map(|domain| {
        SdkProfiles::new(
            aws_sdk_customerprofiles::Client::from_conf(sdk_profiles_config(&config)),
            domain.clone(),
        )
    });
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let now = std::time::SystemTime::now();
        let answer = handle_with_profiles(&event.payload, store, profiles, settings, now).await;
        Ok::<_, std::convert::Infallible>(answer)
    }))
    .await
}
