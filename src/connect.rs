//! What Amazon Connect and Amazon Polly fix, stated once for the config checks, the flow builder,
//! the flow lint and the simulator: how long a flow may wait, the voice engines and their names,
//! and the placeholder the flow carries where the Lambda's ARN goes. It depends on nothing else
//! in the crate, so `config` and `flow` both build on it without depending on each other.

/// The longest a flow waits for a Lambda (`InvocationTimeLimitSeconds`), in seconds
/// (<https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html>).
pub const MAX_LAMBDA_SECONDS: u32 = 8;

/// The longest a Get customer input block waits for a key (`InputTimeLimitSeconds`), in seconds
/// (<https://docs.aws.amazon.com/connect/latest/adminguide/get-customer-input.html>).
pub const MAX_INPUT_SECONDS: u32 = 179;

/// Stands where the call-handler Lambda ARN goes in the flow; Terraform replaces it at apply
/// time, so no wording may contain it.
pub const LAMBDA_ARN_PLACEHOLDER: &str = "@@CALL_HANDLER_LAMBDA_ARN@@";

/// An Amazon Polly voice engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceEngine {
    Standard,
    Neural,
    Generative,
}

impl VoiceEngine {
    pub const ALL: [VoiceEngine; 3] = [
        VoiceEngine::Standard,
        VoiceEngine::Neural,
        VoiceEngine::Generative,
    ];

    /// The value the Flow language expects in `TextToSpeechEngine`.
    pub fn as_flow(self) -> &'static str {
        match self {
            VoiceEngine::Standard => "Standard",
            VoiceEngine::Neural => "Neural",
            VoiceEngine::Generative => "Generative",
        }
    }

    /// The engine a flow's `TextToSpeechEngine` names, if it names one.
    pub fn from_flow(name: &str) -> Option<VoiceEngine> {
        VoiceEngine::ALL
            .into_iter()
            .find(|engine| engine.as_flow() == name)
    }

    /// Polly's own name, as its SSML support tables write it.
    pub fn as_polly(self) -> &'static str {
        match self {
            VoiceEngine::Standard => "standard",
            VoiceEngine::Neural => "neural",
            VoiceEngine::Generative => "generative",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_names_read_back_as_their_engine() {
        for engine in VoiceEngine::ALL {
            assert_eq!(VoiceEngine::from_flow(engine.as_flow()), Some(engine));
            assert_eq!(engine.as_polly(), engine.as_flow().to_lowercase());
        }
        assert_eq!(VoiceEngine::from_flow("neural"), None);
        assert_eq!(VoiceEngine::from_flow(""), None);
    }
}
