//! The AWS SDK set-up that the Lambdas, the CLI and their tests share: which HTTPS client the
//! SDK uses, chosen once.
//!
//! The SDK's default features bring two HTTP stacks: the current one (hyper 1 and rustls with
//! aws-lc-rs, a C library that takes minutes to compile) and a legacy one (hyper 0.14, rustls
//! 0.21 and ring). The workspace turns both off (`default-features = false` on aws-config and
//! every `aws-sdk-*`) and builds the current client with ring as rustls' crypto provider, so a
//! build compiles one HTTP stack and no C crypto library. Ring is one of the providers the
//! client offers (`aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring`, see
//! <https://docs.rs/aws-smithy-http-client/1.5.2/aws_smithy_http_client/tls/rustls_provider/enum.CryptoMode.html>).
//!
//! Without a default client the SDK fails a request that has none ("no HTTP client was
//! configured"), so every client here must be built from [`loader`] or given [`http_client`].
//!
//! **The region rule.** A Lambda takes its region from its environment ([`loader`]: Lambda sets
//! `AWS_REGION`). The CLI acts on a stack that vanity.yaml's `region` placed, so every CLI
//! client is built with [`loader_for_stack`], which sets that region and ignores `AWS_REGION`,
//! `AWS_DEFAULT_REGION` and the profile's region: the rendered provider block does the same
//! (`region = var.region`, whose default is vanity.yaml's). The SDK's provider chain puts "any
//! explicit Region set programmatically" first, and with `Region::new()` "the Region provider
//! chain is not used - it does not check the environment, shared config file, or Amazon EC2
//! instance metadata service" (<https://docs.aws.amazon.com/sdk-for-rust/latest/dg/region.html>).
//! A shell left pointing at another region can then neither miss the stack nor act on another
//! region's resources.

use aws_config::{BehaviorVersion, ConfigLoader, Region};
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_http_client::Builder;

pub use aws_smithy_runtime_api::client::http::SharedHttpClient;

/// The HTTPS client every SDK client in this workspace uses: hyper 1 over rustls with ring,
/// trusting the platform's root certificates.
pub fn http_client() -> SharedHttpClient {
    Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .build_https()
}

/// `aws_config::defaults` at the latest behaviour version, with [`http_client`]: the
/// environment's region and credentials, as the SDK finds them by default.
pub fn loader() -> ConfigLoader {
    aws_config::defaults(BehaviorVersion::latest()).http_client(http_client())
}

/// [`loader`] for the stack vanity.yaml describes: its `region`, whatever the environment says
/// (the region rule above). Credentials, profile and endpoint overrides still come from the
/// environment, as for Terraform.
pub fn loader_for_stack(region: &str) -> ConfigLoader {
    loader().region(Region::new(region.to_owned()))
}
