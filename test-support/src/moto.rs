//! A real moto server (DynamoDB API) on a free loopback port, an SDK client for it with fake
//! credentials, and the calls table as Terraform creates it. The server is a child process that
//! is killed when dropped.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::operation::create_table::builders::CreateTableFluentBuilder;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType,
};
use aws_sdk_dynamodb::Client;
use call_handler::schema;
use call_handler::settings::Settings;

/// Where the README's test command puts the project's Python tools.
const HOW_TO_INSTALL: &str = "moto_server not found: run the README's test command (it creates \
    .venv with moto[server]), or set MOTO_SERVER to the moto_server binary";

/// MOTO_SERVER, then `.venv/bin/moto_server` at the repository root, then the shared tool
/// cache, then PATH.
fn moto_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("MOTO_SERVER") {
        return PathBuf::from(path);
    }
    let candidates = [
        crate::repo_root().join(".venv/bin/moto_server"),
        PathBuf::from("/work/cache/venv/bin/moto_server"),
    ];
    if let Some(found) = candidates.into_iter().find(|path| path.is_file()) {
        return found;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("moto_server"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{HOW_TO_INSTALL}"))
}

/// A port nothing listens on right now (the OS picked it, then we let it go).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a loopback port");
    listener.local_addr().expect("local address").port()
}

pub struct MotoServer {
    child: Child,
    pub endpoint: String,
}

impl MotoServer {
    pub fn start() -> MotoServer {
        let binary = moto_binary();
        let port = free_port();
        let child = Command::new(&binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("{HOW_TO_INSTALL} ({}: {error})", binary.display()));
        let server = MotoServer {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// The environment a function process needs to reach this server: fake credentials, the
    /// region, and the endpoint.
    pub fn function_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ACCESS_KEY_ID", "testing".to_string()),
            ("AWS_SECRET_ACCESS_KEY", "testing".to_string()),
            ("AWS_REGION", "us-east-1".to_string()),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
        ]
    }

    /// Stops the server now (the endpoint then refuses connections).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The handler's settings for `table`: five results, calls kept 30 days, returning callers
/// told their last call, and `store_timeout` to wait for the table.
pub fn settings(table: &str, store_timeout: Duration) -> Settings {
    Settings::example(table, store_timeout)
}

/// An SDK client for `endpoint` with fake credentials in us-east-1.
pub fn client(endpoint: &str) -> Client {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .endpoint_url(endpoint)
        .http_client(aws_setup::http_client())
        .build();
    Client::from_conf(config)
}

fn key(name: &str, key_type: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(key_type)
        .build()
        .expect("key schema")
}

fn attribute(name: &str, kind: ScalarAttributeType) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(kind)
        .build()
        .expect("attribute definition")
}

/// A request for the calls table's key layout from [`schema`], on demand.
fn keyed_table(client: &Client, table: &str) -> CreateTableFluentBuilder {
    client
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(schema::PARTITION_KEY, KeyType::Hash))
        .key_schema(key(schema::SORT_KEY, KeyType::Range))
        .attribute_definitions(attribute(schema::PARTITION_KEY, ScalarAttributeType::S))
        .attribute_definitions(attribute(schema::SORT_KEY, ScalarAttributeType::S))
}

/// Creates the calls table as Terraform does: the key layout, the recent-calls index and the
/// per-caller index from [`schema`].
pub async fn create_table(client: &Client, table: &str) {
    let by_caller = GlobalSecondaryIndex::builder()
        .index_name(schema::CALLER_INDEX)
        .key_schema(key(schema::PARTITION_KEY, KeyType::Hash))
        .key_schema(key(schema::CALLED_AT_ATTRIBUTE, KeyType::Range))
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::Include)
                .set_non_key_attributes(Some(
                    schema::CALLER_INDEX_ATTRIBUTES
                        .iter()
                        .map(|name| name.to_string())
                        .collect(),
                ))
                .build(),
        )
        .build()
        .expect("per-caller index");
    let recent = GlobalSecondaryIndex::builder()
        .index_name(schema::RECENT_INDEX)
        .key_schema(key(schema::RECENT_PARTITION_KEY, KeyType::Hash))
        .key_schema(key(schema::CALLED_AT_ATTRIBUTE, KeyType::Range))
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()
        .expect("recent-calls index");
    keyed_table(client, table)
        .attribute_definitions(attribute(
            schema::RECENT_PARTITION_KEY,
            ScalarAttributeType::S,
        ))
        .attribute_definitions(attribute(
            schema::CALLED_AT_ATTRIBUTE,
            ScalarAttributeType::N,
        ))
        .global_secondary_indexes(recent)
        .global_secondary_indexes(by_caller)
        .send()
        .await
        .expect("create the calls table");
}

/// Creates the calls table with its key layout but without the recent-calls index (a table
/// rendered before the index existed), for the CLI's `calls` tests.
pub async fn create_table_without_recent_index(client: &Client, table: &str) {
    keyed_table(client, table)
        .send()
        .await
        .expect("create the calls table");
}
