//! Decoding a large `get_api_key` answer: the typed decoder against `serde_json::Value`.
//!
//! `cargo bench -p security-core --bench api_keys`
//!
//! The input is generated deterministically: 10,000 realistic API keys (~8 MB): REST and
//! cross-cluster keys, invalidated ones, role descriptors with several index entries, nested
//! metadata, some `limited_by` snapshots and profile ids.
//!
//! Before the criterion timings, a summary is printed: the body size, the median decode time of
//! each path, and the peak heap while decoding (measured with a counting global allocator, the
//! input body excluded). Targets: typed at least 1.5× faster than `Value`, peak heap under 3×
//! the body size.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, BatchSize, Criterion};
use security_core::api_keys::GetApiKey;
use security_core::types::api_keys::GetApiKeyResponse;
use security_core::Endpoint;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

// The counting global allocator the peak-heap test uses too.
#[path = "../tests/support/peak_heap.rs"]
mod peak_heap;

const KEYS: usize = 10_000;

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn id(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        (0..20)
            .map(|_| ALPHABET[self.below(64) as usize] as char)
            .collect()
    }
}

const CLUSTER: &[&str] = &[
    "monitor",
    "manage_own_api_key",
    "read_security",
    "manage_index_templates",
    "monitor_ml",
    "manage_ilm",
    "read_pipeline",
];
const PRIVILEGES: &[&str] = &[
    "read",
    "write",
    "view_index_metadata",
    "create_index",
    "auto_configure",
    "monitor",
    "maintenance",
];
const TEAMS: &[&str] = &[
    "billing",
    "search",
    "ingest",
    "security",
    "observability",
    "ml",
];

fn role(rng: &mut Lcg, out: &mut String) {
    out.push_str(r#"{"cluster":["#);
    let n = 1 + rng.below(3) as usize;
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "\"{}\"",
            CLUSTER[rng.below(CLUSTER.len() as u64) as usize]
        );
    }
    out.push_str(r#"],"indices":["#);
    let entries = 1 + rng.below(2) as usize;
    for e in 0..entries {
        if e > 0 {
            out.push(',');
        }
        let team = TEAMS[rng.below(TEAMS.len() as u64) as usize];
        let _ = write!(
            out,
            r#"{{"names":["logs-{team}-*","metrics-{team}-*"],"privileges":["{}","{}"],"#,
            PRIVILEGES[rng.below(PRIVILEGES.len() as u64) as usize],
            PRIVILEGES[rng.below(PRIVILEGES.len() as u64) as usize],
        );
        if rng.below(4) == 0 {
            out.push_str(r#""field_security":{"grant":["*"],"except":["secret.*"]},"#);
        }
        if rng.below(6) == 0 {
            let _ = write!(out, r#""query":"{{\"term\":{{\"team\":\"{team}\"}}}}","#);
        }
        out.push_str(r#""allow_restricted_indices":false}"#);
    }
    out.push_str(r#"],"applications":["#);
    if rng.below(3) == 0 {
        out.push_str(
            r#"{"application":"kibana-.kibana","privileges":["feature_discover.read","feature_dashboard.all"],"resources":["space:default"]}"#,
        );
    }
    out.push_str(r#"],"run_as":[],"metadata":{"#);
    if rng.below(2) == 0 {
        let _ = write!(out, r#""version":{},"managed":true"#, rng.below(9));
    }
    out.push_str(r#"},"transient_metadata":{"enabled":true}}"#);
}

fn key(rng: &mut Lcg, i: usize, out: &mut String) {
    let cross_cluster = i % 10 == 3;
    let invalidated = i.is_multiple_of(7);
    let creation = 1_600_000_000_000u64 + rng.below(100_000_000_000);
    let team = TEAMS[rng.below(TEAMS.len() as u64) as usize];
    let _ = write!(
        out,
        r#"{{"id":"{}","name":"{team}-key-{i:05}","type":"{}","creation":{creation},"#,
        rng.id(),
        if cross_cluster {
            "cross_cluster"
        } else {
            "rest"
        },
    );
    if rng.below(3) > 0 {
        let _ = write!(
            out,
            r#""expiration":{},"#,
            creation + 86_400_000 * (1 + rng.below(365))
        );
    }
    let _ = write!(out, r#""invalidated":{invalidated},"#);
    if invalidated {
        let _ = write!(
            out,
            r#""invalidation":{},"#,
            creation + rng.below(10_000_000)
        );
    }
    let _ = write!(
        out,
        r#""username":"svc-{team}-{}","realm":"native1","realm_type":"native","#,
        rng.below(50)
    );
    if rng.below(4) == 0 {
        let _ = write!(out, r#""profile_uid":"u_{}_0","#, rng.id());
    }
    let _ = write!(
        out,
        r#""metadata":{{"application":"{team}-app-{}","environment":{{"level":{},"trusted":{},"tags":["{team}","eu-west-{}"]}},"owner":{{"team":"{team}"}}}},"#,
        rng.below(20),
        rng.below(5),
        rng.below(2) == 0,
        rng.below(3),
    );
    out.push_str(r#""role_descriptors":{"#);
    if cross_cluster {
        out.push_str(r#""cross_cluster":"#);
        role(rng, out);
        out.push_str(
            r#"},"access":{"search":[{"names":["logs-*"],"allow_restricted_indices":false}],"replication":[{"names":["archive-*"]}]}"#,
        );
    } else {
        let roles = rng.below(3) as usize;
        for r in 0..roles {
            if r > 0 {
                out.push(',');
            }
            let _ = write!(out, r#""role-{team}-{r}":"#);
            role(rng, out);
        }
        out.push('}');
    }
    if rng.below(8) == 0 {
        out.push_str(r#","limited_by":[{"owner-role":"#);
        role(rng, out);
        out.push_str("}]");
    }
    out.push('}');
}

/// The `get_api_key` answer with `n` keys, always the same bytes.
fn get_api_key_answer(n: usize) -> Vec<u8> {
    let mut rng = Lcg(0x5eed_0fa9_14e7);
    let mut out = String::with_capacity(n * 900);
    out.push_str(r#"{"api_keys":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        key(&mut rng, i, &mut out);
    }
    out.push_str("]}");
    out.into_bytes()
}

fn response(body: Vec<u8>) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-elastic-product", "Elasticsearch")
        .header(
            "content-type",
            "application/vnd.elasticsearch+json;compatible-with=8",
        )
        .body(body)
        .unwrap()
}

/// The peak heap above the current use while `f` runs (its result included, then dropped).
fn peak_heap<T>(f: impl FnOnce() -> T) -> usize {
    let (out, peak) = peak_heap::peak_while(|| black_box(f()));
    drop(out);
    peak
}

fn median_time<I, T>(
    runs: usize,
    mut setup: impl FnMut() -> I,
    mut f: impl FnMut(I) -> T,
) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            let out = black_box(f(input));
            let elapsed = start.elapsed();
            drop(out);
            elapsed
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn summary(body: &[u8]) {
    let typed = GetApiKey::decode(response(body.to_vec())).expect("the typed decoder reads it");
    assert_eq!(typed.api_keys.len(), KEYS);
    drop(typed);

    let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
    let t_typed = median_time(21, || response(body.to_vec()), GetApiKey::decode);
    let t_plain = median_time(
        21,
        || (),
        |()| serde_json::from_slice::<GetApiKeyResponse>(body),
    );
    let t_value = median_time(
        21,
        || (),
        |()| serde_json::from_slice::<serde_json::Value>(body),
    );

    // The endpoint decoder consumes the answer: its body is allocated before the measurement.
    let input = response(body.to_vec());
    let p_typed = peak_heap(|| GetApiKey::decode(input));
    let p_plain = peak_heap(|| serde_json::from_slice::<GetApiKeyResponse>(body));
    let p_value = peak_heap(|| serde_json::from_slice::<serde_json::Value>(body));

    println!("get_api_key answer: {KEYS} keys, {:.2} MB", mb(body.len()));
    println!(
        "  typed (GetApiKey::decode)          median {:>8.2?}   peak heap {:>6.2} MB = {:.2}x body",
        t_typed,
        mb(p_typed),
        p_typed as f64 / body.len() as f64
    );
    println!(
        "  typed (from_slice, no error paths) median {:>8.2?}   peak heap {:>6.2} MB = {:.2}x body",
        t_plain,
        mb(p_plain),
        p_plain as f64 / body.len() as f64
    );
    println!(
        "  serde_json::Value                  median {:>8.2?}   peak heap {:>6.2} MB = {:.2}x body",
        t_value,
        mb(p_value),
        p_value as f64 / body.len() as f64
    );
    println!(
        "  speed-up of GetApiKey::decode over Value: {:.2}x (target >= 1.5x); peak heap {:.2}x body (target < 3x)",
        t_value.as_secs_f64() / t_typed.as_secs_f64(),
        p_typed as f64 / body.len() as f64
    );
}

fn bench_decode(c: &mut Criterion) {
    let body = get_api_key_answer(KEYS);
    summary(&body);

    let mut group = c.benchmark_group("get_api_key_10k");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("typed GetApiKey::decode", |b| {
        b.iter_batched(
            || response(body.clone()),
            GetApiKey::decode,
            BatchSize::PerIteration,
        )
    });
    group.bench_function("typed serde_json::from_slice", |b| {
        b.iter_batched(
            || (),
            |()| serde_json::from_slice::<GetApiKeyResponse>(&body),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("serde_json::Value", |b| {
        b.iter_batched(
            || (),
            |()| serde_json::from_slice::<serde_json::Value>(&body),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_decode);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
