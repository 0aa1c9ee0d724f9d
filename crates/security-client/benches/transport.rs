//! The native transport and the client against bare reqwest, side by side in one process.
//!
//! `cargo bench -p security-client --bench transport` (about two and a half minutes on two cores;
//! `BENCH_SLICES=40` for a quicker, noisier run).
//!
//! A loopback HTTP/1.1 server (two listeners on 127.0.0.1:0, so that the transport has two
//! nodes to choose from) answers with canned Elasticsearch bodies. For each call and each
//! concurrency (1 connection sequential, 8 requests in flight) the contenders run in short
//! slices (about 10 ms), interleaved in rotating order:
//!
//! - `bare`: reqwest 0.12, the same headers (credentials, meta header, user agent), the two
//!   nodes in turn, URLs parsed once, the answer read with `bytes()` and decoded with
//!   `serde_json` into the typed response (no timeout: the transport has a 30 s one);
//! - `bare2`: an identical second bare client, to show the noise;
//! - `bare, 30 s timeout`: bare with reqwest's own request timeout of 30 s, the transport's
//!   default (a timer per request costs something: this column shows how much);
//! - `native`: `NativeTransport::send` (two nodes, 3 retries, credentials, meta header, the
//!   default 30 s timeout), the answer decoded the same way;
//! - `native, no timeout`: the same without the request timeout (what the timer costs);
//! - `client`: the `SecurityClient` method over a `NativeTransport` (request building, typed
//!   decoding with error paths).
//!
//! The calls: `authenticate`, `get_user` (one name), `get_user` with a new name each call (no
//! URL can be reused: `bare` writes and parses its URL each time, as a program must),
//! `create_api_key` (a body), `get_api_key` with 10 and with 10,000 keys (7.8 MB).
//!
//! Each slice's time is divided by `bare`'s time in the same slice; the median of those ratios
//! is printed (with the 25th and 75th percentiles). Ratios, not times: the machine is shared.
//!
//! For a profile, `BENCH_ONLY=<contender>:<call>:<count>` (contender `bare`, `bare_timeout`,
//! `native`, `native_no_timeout` or `client`; call `authenticate`, `get_user`,
//! `get_user_each_name`, `create_api_key`, `keys_10`, `keys_10k`) runs just that many calls of
//! one contender, sequentially, after a warm-up of 100: run it under
//! `valgrind --tool=callgrind` for two counts and compare the difference per call, which the
//! machine's load does not change.

#![allow(missing_docs)]

use security_client::native::{NativeBuilder, NativeTransport};
use security_client::sans_io::Endpoint;
use security_client::{Credentials, SecurityClient};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

type BoxFuture = Pin<Box<dyn Future<Output = ()>>>;
type Call = Arc<dyn Fn() -> BoxFuture>;

const META: &str = "es=0.1.0,rs=1.85.0,t=0.1.0,re=0.12";
const USER_AGENT: &str = "es-security-rs/0.1.0 (linux; x86_64; Rust 1.85)";

fn authenticate_body() -> String {
    r#"{"username":"rdeniro","roles":["admin"],"full_name":null,"email":null,"metadata":{},"enabled":true,"authentication_realm":{"name":"file","type":"file"},"lookup_realm":{"name":"file","type":"file"},"authentication_type":"realm"}"#.to_owned()
}

fn get_user_body() -> String {
    r#"{"jacknich":{"username":"jacknich","roles":["admin","other_role1"],"full_name":"Jack Nicholson","email":"jacknich@example.com","metadata":{"intelligence":7},"enabled":true,"profile_uid":"u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0"}}"#.to_owned()
}

fn create_api_key_body() -> String {
    r#"{"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-api-key","expiration":1544068612110,"api_key":"ui2lp2axTNmsyakw9tvNnw","encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="}"#.to_owned()
}

/// `count` API keys with role descriptors, metadata and a `limited_by` snapshot.
fn api_keys_body(count: usize) -> String {
    let mut out = String::from(r#"{"api_keys":["#);
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        write!(
            out,
            r#"{{"id":"key-{i:08}","name":"service-{n}","type":"rest","creation":{c},"expiration":{e},"invalidated":{inv},"username":"user{u}","realm":"native1","realm_type":"native","metadata":{{"application":"myapp","tier":{t},"tags":["a","b"]}},"role_descriptors":{{"reader-{i}":{{"cluster":["monitor"],"indices":[{{"names":["logs-{n}-*","metrics-*"],"privileges":["read","view_index_metadata"],"allow_restricted_indices":false}}],"applications":[],"run_as":[],"metadata":{{}},"transient_metadata":{{"enabled":true}}}}}},"limited_by":[{{"role-power-user":{{"cluster":["monitor"],"indices":[{{"names":["*"],"privileges":["read"],"allow_restricted_indices":false}}],"applications":[],"run_as":[],"metadata":{{}},"transient_metadata":{{"enabled":true}}}}}}]}}"#,
            n = i % 97,
            c = 1_548_550_550_158u64 + i as u64,
            e = 1_548_551_550_158u64 + i as u64,
            inv = i % 13 == 0,
            u = i % 50,
            t = i % 4,
        )
        .unwrap();
    }
    out.push_str("]}");
    out
}

struct Answers {
    authenticate: Vec<u8>,
    get_user: Vec<u8>,
    create_api_key: Vec<u8>,
    keys_10: Vec<u8>,
    keys_10k: Vec<u8>,
}

fn respond(answers: &Answers, head: &str) -> Vec<u8> {
    let line = head.lines().next().unwrap_or("");
    let body: &[u8] = if line.contains("/_security/_authenticate") {
        &answers.authenticate
    } else if line.contains("/_security/user/") {
        &answers.get_user
    } else if line.starts_with("GET /_security/api_key") && line.contains("name=large") {
        &answers.keys_10k
    } else if line.starts_with("GET /_security/api_key") {
        &answers.keys_10
    } else {
        &answers.create_api_key
    };
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-elastic-product: Elasticsearch\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

async fn serve_connection(mut stream: tokio::net::TcpStream, answers: Arc<Answers>) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = vec![0u8; 65536];
    loop {
        // Read a head, then the body its Content-Length announces.
        let head_end = loop {
            if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break p + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let length = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        while buf.len() < head_end + length {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..head_end + length);
        if stream.write_all(&respond(&answers, &head)).await.is_err() {
            return;
        }
    }
}

/// Starts the server on its own thread; returns the two nodes' base URLs.
fn start_server() -> [String; 2] {
    let answers = Arc::new(Answers {
        authenticate: authenticate_body().into_bytes(),
        get_user: get_user_body().into_bytes(),
        create_api_key: create_api_key_body().into_bytes(),
        keys_10: api_keys_body(10).into_bytes(),
        keys_10k: api_keys_body(10_000).into_bytes(),
    });
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let mut urls = Vec::new();
            for _ in 0..2 {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                urls.push(format!("http://{}", listener.local_addr().unwrap()));
                let answers = answers.clone();
                tokio::spawn(async move {
                    while let Ok((stream, _)) = listener.accept().await {
                        tokio::spawn(serve_connection(stream, answers.clone()));
                    }
                });
            }
            tx.send([urls[0].clone(), urls[1].clone()]).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

#[derive(Clone, Copy)]
enum Which {
    Authenticate,
    GetUser,
    /// `get_user` with another name each call: no URL is reused.
    GetUserEachName,
    CreateApiKey,
    Keys10,
    Keys10k,
}

impl Which {
    fn label(self) -> &'static str {
        match self {
            Which::Authenticate => "authenticate",
            Which::GetUser => "get_user",
            Which::GetUserEachName => "get_user, a new name each",
            Which::CreateApiKey => "create_api_key",
            Which::Keys10 => "get_api_key, 10 keys",
            Which::Keys10k => "get_api_key, 10,000 keys",
        }
    }

    fn method_path_body(self) -> (http::Method, &'static str, &'static [u8]) {
        match self {
            Which::Authenticate => (http::Method::GET, "/_security/_authenticate", b""),
            Which::GetUser => (http::Method::GET, "/_security/user/jacknich", b""),
            // The name is appended per call.
            Which::GetUserEachName => (http::Method::GET, "/_security/user/u", b""),
            Which::CreateApiKey => (
                http::Method::PUT,
                "/_security/api_key",
                br#"{"name":"my-api-key","expiration":"1d"}"#,
            ),
            Which::Keys10 => (http::Method::GET, "/_security/api_key?name=small", b""),
            Which::Keys10k => (http::Method::GET, "/_security/api_key?name=large", b""),
        }
    }
}

fn decode(which: Which, body: &[u8]) {
    use security_client::sans_io::{api_keys, users};
    match which {
        Which::Authenticate => {
            let r: <users::Authenticate as Endpoint>::Response =
                serde_json::from_slice(body).unwrap();
            std::hint::black_box(r);
        }
        Which::GetUser | Which::GetUserEachName => {
            let r: <users::GetUser as Endpoint>::Response = serde_json::from_slice(body).unwrap();
            std::hint::black_box(r);
        }
        Which::CreateApiKey => {
            let r: <api_keys::CreateApiKey as Endpoint>::Response =
                serde_json::from_slice(body).unwrap();
            std::hint::black_box(r);
        }
        Which::Keys10 | Which::Keys10k => {
            let r: <api_keys::GetApiKey as Endpoint>::Response =
                serde_json::from_slice(body).unwrap();
            std::hint::black_box(r);
        }
    }
}

fn credentials() -> Credentials {
    Credentials::basic("elastic", "changeme")
}

fn bare(nodes: [String; 2], which: Which) -> Call {
    bare_with(nodes, which, None)
}

/// `bare` with a request timeout (reqwest's own), as the transport has one (30 s by default).
fn bare_with(nodes: [String; 2], which: Which, timeout: Option<Duration>) -> Call {
    let mut client = reqwest::Client::builder().user_agent(USER_AGENT);
    if let Some(timeout) = timeout {
        client = client.timeout(timeout);
    }
    let client = client.build().unwrap();
    let auth = credentials().header_value().unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let (method, path, body) = which.method_path_body();
    let urls: Arc<[reqwest::Url; 2]> = Arc::new([
        reqwest::Url::parse(&format!("{}{path}", nodes[0])).unwrap(),
        reqwest::Url::parse(&format!("{}{path}", nodes[1])).unwrap(),
    ]);
    let names = AtomicUsize::new(0);
    Arc::new(move || {
        let i = next.fetch_add(1, Ordering::Relaxed) % 2;
        let url = if matches!(which, Which::GetUserEachName) {
            // As a program with another name each time does: write the URL, parse it.
            let n = names.fetch_add(1, Ordering::Relaxed);
            reqwest::Url::parse(&format!("{}{path}{n}", nodes[i])).unwrap()
        } else {
            urls[i].clone()
        };
        let mut request = client
            .request(method.clone(), url)
            .header(http::header::AUTHORIZATION, auth.clone())
            .header("x-elastic-client-meta", META);
        if !body.is_empty() {
            request = request
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        Box::pin(async move {
            let bytes = request.send().await.unwrap().bytes().await.unwrap();
            decode(which, &bytes);
        })
    })
}

fn native_builder(nodes: &[String; 2]) -> NativeBuilder {
    NativeTransport::builder()
        .nodes(nodes.iter().cloned())
        .max_retries(3)
        .credentials(credentials())
        .meta_header(true)
}

fn native(nodes: [String; 2], which: Which) -> Call {
    native_with(native_builder(&nodes), nodes, which)
}

fn native_with(builder: NativeBuilder, nodes: [String; 2], which: Which) -> Call {
    let transport = builder.build().unwrap();
    let (method, path, body) = which.method_path_body();
    // Parsed once, as `bare`'s URLs are (the client contender builds its requests itself).
    let uri: http::Uri = format!("{}{path}", nodes[0]).parse().unwrap();
    let names = AtomicUsize::new(0);
    Arc::new(move || {
        let mut request = http::Request::new(body.to_vec());
        *request.method_mut() = method.clone();
        *request.uri_mut() = if matches!(which, Which::GetUserEachName) {
            let n = names.fetch_add(1, Ordering::Relaxed);
            format!("{}{path}{n}", nodes[0]).parse().unwrap()
        } else {
            uri.clone()
        };
        if !body.is_empty() {
            request.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json"),
            );
        }
        let transport = transport.clone();
        Box::pin(async move {
            let response = transport.send(request).await.unwrap();
            decode(which, response.body());
        })
    })
}

fn client(nodes: [String; 2], which: Which) -> Call {
    let client = SecurityClient::connect_with(native_builder(&nodes)).unwrap();
    let names = Arc::new(AtomicUsize::new(0));
    Arc::new(move || {
        let client = client.clone();
        let names = names.clone();
        Box::pin(async move {
            match which {
                Which::Authenticate => {
                    std::hint::black_box(client.authenticate().await.unwrap());
                }
                Which::GetUser => {
                    std::hint::black_box(client.get_user().username("jacknich").await.unwrap());
                }
                Which::GetUserEachName => {
                    let n = names.fetch_add(1, Ordering::Relaxed);
                    let name = format!("u{n}");
                    std::hint::black_box(client.get_user().username(name).await.unwrap());
                }
                Which::CreateApiKey => {
                    std::hint::black_box(
                        client
                            .create_api_key()
                            .name("my-api-key")
                            .expiration("1d")
                            .await
                            .unwrap(),
                    );
                }
                Which::Keys10 => {
                    std::hint::black_box(client.get_api_key().name("small").await.unwrap());
                }
                Which::Keys10k => {
                    std::hint::black_box(client.get_api_key().name("large").await.unwrap());
                }
            }
        })
    })
}

/// Runs `iterations` calls, `in_flight` at a time; returns the elapsed time.
async fn run(call: &Call, iterations: usize, in_flight: usize) -> Duration {
    let start = Instant::now();
    if in_flight == 1 {
        for _ in 0..iterations {
            call().await;
        }
    } else {
        let per_lane = iterations.div_ceil(in_flight);
        let lanes = (0..in_flight).map(|_| async {
            for _ in 0..per_lane {
                call().await;
            }
        });
        futures::future::join_all(lanes).await;
    }
    start.elapsed()
}

/// `BENCH_ONLY=<contender>:<call>:<count>`: one contender alone, for a profiler.
fn profile_one(rt: &tokio::runtime::Runtime, nodes: [String; 2], only: &str) {
    let mut parts = only.split(':');
    let (contender, call, count) = (parts.next(), parts.next(), parts.next());
    let which = match call {
        Some("authenticate") => Which::Authenticate,
        Some("get_user") => Which::GetUser,
        Some("get_user_each_name") => Which::GetUserEachName,
        Some("create_api_key") => Which::CreateApiKey,
        Some("keys_10") => Which::Keys10,
        Some("keys_10k") => Which::Keys10k,
        other => panic!("BENCH_ONLY: unknown call {other:?}"),
    };
    let count: usize = count
        .and_then(|c| c.parse().ok())
        .expect("BENCH_ONLY: <contender>:<call>:<count>");
    let call = match contender {
        Some("bare") => bare(nodes, which),
        Some("bare_timeout") => bare_with(nodes, which, Some(Duration::from_secs(30))),
        Some("native") => native(nodes, which),
        Some("native_no_timeout") => {
            native_with(native_builder(&nodes).no_request_timeout(), nodes, which)
        }
        Some("client") => client(nodes, which),
        other => panic!("BENCH_ONLY: unknown contender {other:?}"),
    };
    rt.block_on(async {
        run(&call, 100, 1).await;
        let elapsed = run(&call, count, 1).await;
        println!("{only}: {count} calls in {elapsed:?}");
    });
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let slices: usize = std::env::var("BENCH_SLICES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let nodes = start_server();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    if let Ok(only) = std::env::var("BENCH_ONLY") {
        profile_one(&rt, nodes, &only);
        return;
    }
    let names = [
        "bare2",
        "bare, 30 s timeout",
        "native",
        "native, no timeout",
        "client",
    ];
    println!("median ratio to bare reqwest 0.12 (25th–75th percentile), {slices} slices of ~10 ms");
    let mut header = format!("{:<26} {:>9} |", "call", "in flight");
    for name in names {
        write!(header, " {name:<22}").unwrap();
    }
    println!("{header}");
    for which in [
        Which::Authenticate,
        Which::GetUser,
        Which::GetUserEachName,
        Which::CreateApiKey,
        Which::Keys10,
        Which::Keys10k,
    ] {
        for in_flight in [1, 8] {
            let contenders: Vec<Call> = vec![
                bare(nodes.clone(), which),
                bare(nodes.clone(), which),
                bare_with(nodes.clone(), which, Some(Duration::from_secs(30))),
                native(nodes.clone(), which),
                native_with(
                    native_builder(&nodes).no_request_timeout(),
                    nodes.clone(),
                    which,
                ),
                client(nodes.clone(), which),
            ];
            let (iterations, slices) = rt.block_on(async {
                // Warm up every contender (connections, allocator), then size the slices.
                for c in &contenders {
                    run(c, 4 * in_flight, in_flight).await;
                }
                let probe = run(&contenders[0], 8 * in_flight, in_flight).await / 8;
                let per_call = probe.max(Duration::from_micros(1));
                let iterations = (Duration::from_millis(10).as_nanos() / per_call.as_nanos()).max(1)
                    as usize
                    * in_flight;
                // Large answers: fewer, longer slices.
                let slices = if per_call > Duration::from_millis(5) {
                    (slices / 4).max(10)
                } else {
                    slices
                };
                (iterations, slices)
            });
            let n = contenders.len();
            let mut ratios: Vec<Vec<f64>> = (1..n).map(|_| Vec::with_capacity(slices)).collect();
            rt.block_on(async {
                for slice in 0..slices {
                    let mut times = vec![Duration::ZERO; n];
                    for k in 0..n {
                        let i = (slice + k) % n;
                        times[i] = run(&contenders[i], iterations, in_flight).await;
                    }
                    for j in 0..n - 1 {
                        ratios[j].push(times[j + 1].as_secs_f64() / times[0].as_secs_f64());
                    }
                }
            });
            let mut line = format!("{:<26} {:>9} |", which.label(), in_flight);
            for r in &mut ratios {
                r.sort_by(f64::total_cmp);
                let cell = format!(
                    "{:.3} ({:.2}–{:.2})",
                    quantile(r, 0.5),
                    quantile(r, 0.25),
                    quantile(r, 0.75)
                );
                write!(line, " {cell:<22}").unwrap();
            }
            println!("{line}");
        }
    }
}
