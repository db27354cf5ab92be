//! The two Amazon Connect calls this function makes, each turned into a plain result:
//! associate (an idempotent overwrite) and disassociate (where "not associated" and "number
//! gone" count as done). Retries happen inside the SDK client, see [`crate::sdk`].

use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_connect::operation::disassociate_phone_number_contact_flow::DisassociatePhoneNumberContactFlowError;
use aws_sdk_connect::Client;

use crate::association::Link;
use crate::error::{Error, Operation};

/// What a disassociation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detached {
    /// The number had a flow and now has none.
    Detached,
    /// Connect answered `ResourceNotFoundException`: the number has no flow, or the number
    /// (or the instance) is already gone. Either way there is nothing left to undo.
    NothingToDetach,
}

/// Points the phone number at the flow.
///
/// `AssociatePhoneNumberContactFlow` is a `PUT` on the phone number's flow: it replaces any
/// flow the number had, so calling it again with the same ids (a retried `apply`, a number
/// that already answers with this flow) succeeds and changes nothing.
pub async fn associate(client: &Client, link: &Link) -> Result<(), Error> {
    client
        .associate_phone_number_contact_flow()
        .instance_id(&link.instance_id)
        .phone_number_id(&link.phone_number_id)
        .contact_flow_id(&link.contact_flow_id)
        .send()
        .await
        .map(|_| ())
        .map_err(|error| connect_error(Operation::Associate, link, error))
}

/// Removes the number's flow, so callers hear Connect's default "not in service" handling.
pub async fn disassociate(client: &Client, link: &Link) -> Result<Detached, Error> {
    let result = client
        .disassociate_phone_number_contact_flow()
        .instance_id(&link.instance_id)
        .phone_number_id(&link.phone_number_id)
        .send()
        .await;
    match result {
        Ok(_) => Ok(Detached::Detached),
        Err(error)
            if matches!(
                error.as_service_error(),
                Some(DisassociatePhoneNumberContactFlowError::ResourceNotFoundException(_))
            ) =>
        {
            Ok(Detached::NothingToDetach)
        }
        Err(error) => Err(connect_error(Operation::Disassociate, link, error)),
    }
}

/// Keeps the service's error code and message, which are what a person can act on; falls
/// back to the whole error chain when no response came back.
pub(crate) fn connect_error<E, R>(operation: Operation, link: &Link, error: SdkError<E, R>) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let code = error.code().map(str::to_string);
    let detail = match (&code, error.message()) {
        (Some(_), Some(message)) => message.to_string(),
        _ => DisplayErrorContext(&error).to_string(),
    };
    Error::Connect {
        operation,
        link: link.clone(),
        code,
        detail,
    }
}
