//! An in-memory test server that speaks the Elasticsearch 8.14 security API (being built).
