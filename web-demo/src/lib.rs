//! A browser administration demo of the Elasticsearch Security API client (being built: see
//! README.md).
