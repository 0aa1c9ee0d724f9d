//! The `privileges` API group: client methods, request types and data types.

pub use security_core::privileges::*;
pub use security_types::privileges::*;

methods! {
    /// Creates or updates application privileges. `PUT /_security/privilege/`.
    put_privileges() -> security_core::privileges::PutPrivileges;
    /// Gets application privileges (all, `.application(...)`, then `.name(...)`).
    /// `GET /_security/privilege/{application}/{name}`.
    get_privileges() -> security_core::privileges::GetPrivileges;
    /// Deletes application privileges. `DELETE /_security/privilege/{application}/{name}`.
    delete_privileges(application: String, name: security_core::Names) -> security_core::privileges::DeletePrivileges;
    /// Lists the cluster and index privileges the server knows. `GET /_security/privilege/_builtin`.
    get_builtin_privileges() -> security_core::privileges::GetBuiltinPrivileges;
    /// Gets the caller's privileges. `GET /_security/user/_privileges`.
    get_user_privileges() -> security_core::privileges::GetUserPrivileges;
    /// Checks the caller's (or `.user(...)`'s) privileges. `POST /_security/user/{user}/_has_privileges`.
    has_privileges() -> security_core::privileges::HasPrivileges;
    /// Evicts applications from the privilege cache. `POST /_security/privilege/{application}/_clear_cache`.
    clear_cached_privileges(application: security_core::Names) -> security_core::privileges::ClearCachedPrivileges;
}

#[cfg(test)]
mod tests {
    use crate::{Error, SecurityClient};
    use std::future::IntoFuture;
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<http::Request<Vec<u8>>>>>;

    fn client(body: &'static str) -> (SecurityClient<impl crate::Transport + Sync>, Seen) {
        let seen: Seen = Arc::default();
        let log = seen.clone();
        let transport = move |req: http::Request<Vec<u8>>| {
            log.lock().unwrap().push(req);
            async move {
                Ok::<_, std::io::Error>(
                    http::Response::builder()
                        .status(200)
                        .header("x-elastic-product", "Elasticsearch")
                        .body(body.as_bytes().to_vec())
                        .unwrap(),
                )
            }
        };
        (
            SecurityClient::new("http://es.local:9200", transport).unwrap(),
            seen,
        )
    }

    fn block_on<F: IntoFuture>(request: F) -> F::Output {
        futures::executor::block_on(request.into_future())
    }

    #[test]
    fn get_privileges_awaits_and_refuses_a_lone_name_without_sending() {
        let (client, seen) = client(
            r#"{"myapp":{"read":{"application":"myapp","name":"read","actions":["data:read/*"],"metadata":{}}}}"#,
        );
        let answer = block_on(client.get_privileges().application("myapp").name("read")).unwrap();
        assert_eq!(answer["myapp"]["read"].actions, ["data:read/*"]);
        assert_eq!(
            seen.lock().unwrap()[0].uri(),
            "http://es.local:9200/_security/privilege/myapp/read"
        );

        let err = block_on(client.get_privileges().name("read")).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
        let err = block_on(client.get_privileges().name("read").raw()).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
        assert_eq!(seen.lock().unwrap().len(), 1, "nothing more was sent");
    }

    #[test]
    fn has_privileges_posts_its_body() {
        let (client, seen) = client(
            r#"{"username":"rdeniro","has_all_requested":true,"cluster":{"monitor":true},"index":{},"application":{}}"#,
        );
        let answer =
            block_on(client.has_privileges().user("rdeniro").cluster(["monitor"])).unwrap();
        assert!(answer.has_all_requested);
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].method(), "POST");
        assert_eq!(
            seen[0].uri(),
            "http://es.local:9200/_security/user/rdeniro/_has_privileges"
        );
        assert_eq!(seen[0].body(), br#"{"cluster":["monitor"]}"#);
    }

    #[test]
    fn delete_and_clear_take_their_path_parameters() {
        let (client, seen) = client(r#"{"myapp":{"read":{"found":true}}}"#);
        let answer = block_on(client.delete_privileges("myapp", ["read"])).unwrap();
        assert!(answer["myapp"]["read"].found);
        let _ = block_on(client.clear_cached_privileges(["myapp", "other"]).raw()).unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].method(), "DELETE");
        assert_eq!(seen[0].uri().path(), "/_security/privilege/myapp/read");
        assert_eq!(seen[1].method(), "POST");
        assert_eq!(
            seen[1].uri().path(),
            "/_security/privilege/myapp,other/_clear_cache"
        );
    }
}
