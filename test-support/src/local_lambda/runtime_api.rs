//! A local Lambda runtime API, for the load and cold/warm examples.
//!
//! The runtime API is the HTTP interface a Lambda execution environment offers the function
//! process: `GET /2018-06-01/runtime/invocation/next` hands out the next event, and the process
//! posts `.../invocation/{id}/response` or `.../invocation/{id}/error` (or `.../init/error` when
//! it cannot start). This module serves exactly those four routes, with the headers
//! `lambda_runtime` requires (request id, deadline, function ARN), as documented at
//! <https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html>.
//!
//! What runs behind it is not a fake: [`super::functions::Functions`] starts the release `bootstrap` from the
//! Lambda zip, each process taking one invocation at a time, as one Lambda execution
//! environment does. N processes are N concurrent execution environments.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};

const PREFIX: &str = "/2018-06-01/runtime";
pub const FUNCTION_NAME: &str = "call-handler";
const FUNCTION_ARN: &str = "arn:aws:lambda:us-east-1:111122223333:function:call-handler";

/// How an invocation ended, as the function reported it.
#[derive(Debug)]
pub enum Outcome {
    /// `.../response`: the handler's JSON answer.
    Answered(Bytes),
    /// `.../error`: the runtime's error document (a handler error or a caught panic).
    Failed(Bytes),
}

struct Pending {
    id: String,
    payload: Bytes,
}

struct Shared {
    /// Invocations waiting for a process; whichever process polls first takes the next one.
    queue: tokio::sync::Mutex<mpsc::UnboundedReceiver<Pending>>,
    /// Invocations handed out and not yet answered, by request id.
    waiting: Mutex<HashMap<String, oneshot::Sender<Outcome>>>,
    /// Bodies posted to `/init/error`: a process that could not start.
    init_errors: Mutex<Vec<String>>,
    /// The time limit written into `lambda-runtime-deadline-ms`.
    time_limit: Duration,
}

/// A runtime API on a free loopback port, serving until dropped with the runtime.
///
/// A process killed while it waits on `/invocation/next` leaves that poll pending here (HTTP/1
/// gives no sign of the closed connection until the answer is written), and the poll then takes
/// the next invocation, which is lost. Kill processes only at the end, or give each new process
/// its own `RuntimeApi`, as the cold-start measurement does.
pub struct RuntimeApi {
    address: SocketAddr,
    sender: mpsc::UnboundedSender<Pending>,
    shared: Arc<Shared>,
    next_id: AtomicU64,
}

impl RuntimeApi {
    /// Starts serving on 127.0.0.1; `time_limit` is each invocation's deadline.
    pub async fn start(time_limit: Duration) -> std::io::Result<RuntimeApi> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let address = listener.local_addr()?;
        let (sender, receiver) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            queue: tokio::sync::Mutex::new(receiver),
            waiting: Mutex::new(HashMap::new()),
            init_errors: Mutex::new(Vec::new()),
            time_limit,
        });
        let serving = Arc::clone(&shared);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let shared = Arc::clone(&serving);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        route(Arc::clone(&shared), request)
                    });
                    // A process that exits mid-request ends its connection; nothing to report.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(RuntimeApi {
            address,
            sender,
            shared,
            next_id: AtomicU64::new(1),
        })
    }

    /// The value for `AWS_LAMBDA_RUNTIME_API` (`host:port`, no scheme).
    pub fn authority(&self) -> String {
        self.address.to_string()
    }

    /// Queues one invocation and waits for its outcome; `None` when the API shut down first.
    /// The caller bounds the wait (a function may never answer).
    pub async fn invoke(&self, payload: Bytes) -> Option<Outcome> {
        let id = format!(
            "00000000-0000-4000-8000-{:012x}",
            self.next_id.fetch_add(1, Ordering::Relaxed)
        );
        let (done, outcome) = oneshot::channel();
        lock(&self.shared.waiting).insert(id.clone(), done);
        self.sender.send(Pending { id, payload }).ok()?;
        outcome.await.ok()
    }

    /// What processes posted to `/init/error`, to explain invocations that never ran.
    pub fn init_errors(&self) -> Vec<String> {
        lock(&self.shared.init_errors).clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

type Reply = Response<Full<Bytes>>;

async fn route(shared: Arc<Shared>, request: Request<Incoming>) -> Result<Reply, Infallible> {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return Ok(status(StatusCode::NOT_FOUND));
    };
    if method == Method::GET && rest == "/invocation/next" {
        return Ok(next(&shared).await);
    }
    if method != Method::POST {
        return Ok(status(StatusCode::METHOD_NOT_ALLOWED));
    }
    let body = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(status(StatusCode::BAD_REQUEST)),
    };
    if rest == "/init/error" {
        lock(&shared.init_errors).push(String::from_utf8_lossy(&body).into_owned());
        return Ok(status(StatusCode::ACCEPTED));
    }
    let reported = rest
        .strip_prefix("/invocation/")
        .and_then(|tail| tail.split_once('/'));
    let outcome = match reported {
        Some((id, "response")) => (id, Outcome::Answered(body)),
        Some((id, "error")) => (id, Outcome::Failed(body)),
        _ => return Ok(status(StatusCode::NOT_FOUND)),
    };
    let (id, outcome) = outcome;
    match lock(&shared.waiting).remove(id) {
        Some(done) => {
            // The invoker may have given up (its own time limit); the answer is then dropped.
            let _ = done.send(outcome);
            Ok(status(StatusCode::ACCEPTED))
        }
        None => Ok(status(StatusCode::BAD_REQUEST)),
    }
}

/// Long-polls for the next invocation, as Lambda does: the request stays open until one comes.
async fn next(shared: &Shared) -> Reply {
    let pending = shared.queue.lock().await.recv().await;
    let Some(pending) = pending else {
        return status(StatusCode::GONE);
    };
    let deadline = SystemTime::now() + shared.time_limit;
    let deadline_ms = deadline
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_millis())
        .unwrap_or_default();
    Response::builder()
        .status(StatusCode::OK)
        .header("lambda-runtime-aws-request-id", pending.id)
        .header("lambda-runtime-deadline-ms", deadline_ms.to_string())
        .header("lambda-runtime-invoked-function-arn", FUNCTION_ARN)
        .header("content-type", "application/json")
        .body(Full::new(pending.payload))
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

fn status(code: StatusCode) -> Reply {
    let mut reply = Response::new(Full::new(Bytes::new()));
    *reply.status_mut() = code;
    reply
}
