//! The call-handler Lambda binary: wiring only. Logic lives in the `call_handler` library.

use call_handler::{handle, logging, settings::Settings, store::DynamoStore};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::Value;

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
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let now = std::time::SystemTime::now();
        Ok::<_, std::convert::Infallible>(handle(&event.payload, store, settings, now).await)
    }))
    .await
}
