//! The `info` group: `GET /`, the cluster's description and version.
//!
//! Not part of the Security API, but what tells a client which server it talks to: build a
//! [`ServerTarget`](crate::ServerTarget) with the version it reports, and requests the server is
//! too old for are refused before they are sent.
//!
//! ```
//! use security_core::info::Info;
//! use security_core::{Endpoint, ServerTarget, Version};
//! # let answer = http::Response::builder()
//! #     .header("x-elastic-product", "Elasticsearch")
//! #     .body(br#"{"name":"n1","cluster_name":"c","cluster_uuid":"u","tagline":"You Know, for Search",
//! #       "version":{"number":"9.5.0","build_flavor":"default","build_type":"tar","build_hash":"h",
//! #       "build_date":"2026-08-19T00:00:00Z","build_snapshot":false,"lucene_version":"10.3.0",
//! #       "minimum_wire_compatibility_version":"8.19.0","minimum_index_compatibility_version":"8.0.0"}}"#.to_vec())
//! #     .unwrap();
//! let info = Info::decode(answer).unwrap();
//! let target = ServerTarget::stack().with_version(Version::parse(&info.version.number).unwrap());
//! assert_eq!(target.version(), Some(Version::new(9, 5, 0)));
//! ```

use crate::Endpoint;
use security_types::info::*;

endpoint! {
    /// Returns the cluster's name, id and version (`GET /`).
    pub struct Info {
        name: "info",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-info",
        serverless: public,
        response: InfoResponse,
        routes: ["GET /"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
    }
}
