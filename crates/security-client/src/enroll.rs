//! The `enroll` API group: client methods, request types and data types.

pub use security_core::enroll::*;
pub use security_types::enroll::*;

methods! {
    /// Enrolls a Kibana instance. `GET /_security/enroll/kibana`.
    enroll_kibana() -> security_core::enroll::EnrollKibana;
    /// Enrolls a new node. `GET /_security/enroll/node`.
    enroll_node() -> security_core::enroll::EnrollNode;
}

#[cfg(test)]
mod tests {
    use crate::SecurityClient;

    #[test]
    fn enroll_node_is_a_get_and_hides_the_keys() {
        let transport = |req: http::Request<Vec<u8>>| async move {
            assert_eq!(req.method(), "GET");
            assert_eq!(req.uri(), "http://es.local:9200/_security/enroll/node");
            assert!(req.body().is_empty());
            Ok::<_, std::io::Error>(
                http::Response::builder()
                    .status(200)
                    .header("x-elastic-product", "Elasticsearch")
                    .body(
                        br#"{"http_ca_key":"k3y-1","http_ca_cert":"c","transport_ca_cert":"c",
                        "transport_key":"k3y-2","transport_cert":"c","nodes_addresses":["10.0.0.1:9300"]}"#
                            .to_vec(),
                    )
                    .unwrap(),
            )
        };
        let client = SecurityClient::new("http://es.local:9200", transport).unwrap();
        let answer = futures::executor::block_on(async { client.enroll_node().await }).unwrap();
        assert_eq!(answer.transport_key.expose(), "k3y-2");
        assert!(!format!("{answer:?}").contains("k3y"));
        assert_eq!(answer.nodes_addresses, ["10.0.0.1:9300"]);
    }
}
