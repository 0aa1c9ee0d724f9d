//! Request building and response decoding, per endpoint class.
//!
//! `cargo bench -p security-core --bench core`
//!
//! Classes: no body (`authenticate`, `get_user` with names), small body (`put_user`), large body
//! (`put_role` with 50 index entries). Decoding compares the typed decoder with
//! `serde_json::from_slice::<serde_json::Value>` of the same bytes. Allocations per operation
//! are counted with a counting global allocator and printed before the timings.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use security_core::roles::PutRole;
use security_core::types::common::IndicesPrivileges;
use security_core::types::roles::PutRoleBody;
use security_core::users::{Authenticate, GetUser, PutUser};
use security_core::{BaseUrl, Credentials, Endpoint};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY-free wrapper: delegates to the system allocator and counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (usize, usize) {
    let (a, b) = (
        ALLOCS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    black_box(f());
    (
        ALLOCS.load(Ordering::Relaxed) - a,
        BYTES.load(Ordering::Relaxed) - b,
    )
}

fn base() -> BaseUrl {
    BaseUrl::parse("https://es.example.com:9200").unwrap()
}

fn large_role() -> PutRoleBody {
    let mut role = PutRoleBody {
        cluster: vec!["monitor".into(), "manage_own_api_key".into()],
        run_as: vec!["other_user".into()],
        ..Default::default()
    };
    for i in 0..50 {
        let mut entry = IndicesPrivileges::new(
            [format!("logs-{i}-*"), format!("metrics-{i}-*")],
            ["read", "view_index_metadata"],
        );
        entry.query = Some(security_core::types::common::IndicesPrivilegesQuery::Json(
            format!("{{\"term\":{{\"tenant\":\"t{i}\"}}}}"),
        ));
        role.indices.push(entry);
    }
    role
}

fn authenticate_body() -> Vec<u8> {
    br#"{"username":"rdeniro","roles":["admin","kibana_admin"],"full_name":"Robert De Niro","email":"rdeniro@example.com","metadata":{"team":"film"},"enabled":true,"authentication_realm":{"name":"native1","type":"native"},"lookup_realm":{"name":"native1","type":"native"},"authentication_type":"realm"}"#.to_vec()
}

fn users_body(n: usize) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    for i in 0..n {
        map.insert(
            format!("user{i}"),
            serde_json::json!({
                "username": format!("user{i}"), "roles": ["viewer", "editor"], "full_name": format!("User {i}"),
                "email": format!("user{i}@example.com"), "metadata": {"department": "ops", "level": i}, "enabled": true
            }),
        );
    }
    serde_json::to_vec(&map).unwrap()
}

fn response(body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-elastic-product", "Elasticsearch")
        .body(body.to_vec())
        .unwrap()
}

fn print_allocations() {
    let base = base();
    let creds = Credentials::api_key_encoded(
        "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
    );
    let authenticate = Authenticate::new();
    let get_user = GetUser::new()
        .username(["jacknich", "rdeniro"])
        .with_profile_uid(true);
    let put_user = PutUser::new("jacknich")
        .password("l0ng-r4nd0m-p@ssw0rd")
        .roles(["admin", "other_role1"])
        .full_name("Jack Nicholson");
    let put_role = PutRole::new("my_admin_role").body(large_role());
    println!("allocations per operation (count, bytes):");
    println!(
        "  build authenticate : {:?}",
        count(|| authenticate.to_http_request(&base, Some(&creds)))
    );
    println!(
        "  build get_user     : {:?}",
        count(|| get_user.to_http_request(&base, Some(&creds)))
    );
    println!(
        "  build put_user     : {:?}",
        count(|| put_user.to_http_request(&base, Some(&creds)))
    );
    println!(
        "  build put_role(50) : {:?}",
        count(|| put_role.to_http_request(&base, Some(&creds)))
    );
}

fn build(c: &mut Criterion) {
    print_allocations();
    let base = base();
    let creds = Credentials::api_key_encoded(
        "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
    );
    let mut g = c.benchmark_group("build");
    let authenticate = Authenticate::new();
    g.bench_function("no_body/authenticate", |b| {
        b.iter(|| black_box(&authenticate).to_http_request(&base, Some(&creds)))
    });
    let get_user = GetUser::new()
        .username(["jacknich", "rdeniro"])
        .with_profile_uid(true);
    g.bench_function("no_body/get_user", |b| {
        b.iter(|| black_box(&get_user).to_http_request(&base, Some(&creds)))
    });
    let put_user = PutUser::new("jacknich")
        .password("l0ng-r4nd0m-p@ssw0rd")
        .roles(["admin", "other_role1"])
        .full_name("Jack Nicholson");
    g.bench_function("small_body/put_user", |b| {
        b.iter(|| black_box(&put_user).to_http_request(&base, Some(&creds)))
    });
    let put_role = PutRole::new("my_admin_role").body(large_role());
    g.bench_function("large_body/put_role_50_indices", |b| {
        b.iter(|| black_box(&put_role).to_http_request(&base, Some(&creds)))
    });
    // The share of the large build that is serde_json writing the 17 KB body.
    let role = large_role();
    g.bench_function("large_body/serde_json_to_vec_only", |b| {
        b.iter(|| serde_json::to_vec(black_box(&role)))
    });
    g.finish();
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    for (name, body) in [
        ("authenticate", authenticate_body()),
        ("get_user_100", users_body(100)),
    ] {
        g.bench_function(format!("{name}/typed"), |b| {
            b.iter_batched(
                || response(&body),
                |r| match name {
                    "authenticate" => Authenticate::decode(r).map(drop),
                    _ => GetUser::decode(r).map(drop),
                },
                BatchSize::SmallInput,
            )
        });
        g.bench_function(format!("{name}/serde_json_value"), |b| {
            b.iter_batched(
                || response(&body),
                |r| serde_json::from_slice::<serde_json::Value>(r.body()).map(drop),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, build, decode);
criterion_main!(benches);
