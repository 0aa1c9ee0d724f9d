//! Error decoding: Elasticsearch's error bodies per status, the product check, odd bodies,
//! decode errors that name the endpoint and the JSON path.

mod common;
use common::*;
use security_core::users::{Authenticate, GetUser, PutUser};
use security_core::{Endpoint, Error};

fn err_of<E: Endpoint>(status: u16, body: &str) -> Error {
    match E::decode(es_response(status, body)) {
        Ok(_) => panic!("{status} {body} decoded as a success"),
        Err(e) => e,
    }
}

#[test]
fn status_400_validation_error() {
    let err = err_of::<PutUser>(
        400,
        r#"{"error":{"root_cause":[{"type":"action_request_validation_exception","reason":"Validation Failed: 1: passwords must be at least [6] characters long;"}],"type":"action_request_validation_exception","reason":"Validation Failed: 1: passwords must be at least [6] characters long;"},"status":400}"#,
    );
    let api = err.api().unwrap();
    assert_eq!(api.status, 400);
    assert_eq!(api.endpoint, "security.put_user");
    assert_eq!(
        api.error_type.as_deref(),
        Some("action_request_validation_exception")
    );
    assert!(api
        .reason
        .as_deref()
        .unwrap()
        .contains("at least [6] characters"));
    assert_eq!(api.root_cause.len(), 1);
    assert_eq!(
        err.to_string(),
        "security.put_user answered 400 action_request_validation_exception: Validation Failed: 1: passwords must be at least [6] characters long;"
    );
}

#[test]
fn status_401_with_header_details() {
    let err = err_of::<Authenticate>(
        401,
        r#"{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/_security/_authenticate]","header":{"WWW-Authenticate":["Basic realm=\"security\" charset=\"UTF-8\"","ApiKey"]}}],"type":"security_exception","reason":"missing authentication credentials for REST request [/_security/_authenticate]","header":{"WWW-Authenticate":["Basic realm=\"security\" charset=\"UTF-8\"","ApiKey"]}},"status":401}"#,
    );
    let api = err.api().unwrap();
    assert!(api.is_unauthorized());
    assert_eq!(
        api.error.as_ref().unwrap()["header"]["WWW-Authenticate"][1],
        "ApiKey"
    );
}

#[test]
fn status_403_unauthorized_action() {
    let err = err_of::<PutUser>(
        403,
        r#"{"error":{"root_cause":[{"type":"security_exception","reason":"action [cluster:admin/xpack/security/user/put] is unauthorized for user [jacknich] with effective roles [viewer], this action is granted by the cluster privileges [manage_security,all]"}],"type":"security_exception","reason":"action [cluster:admin/xpack/security/user/put] is unauthorized for user [jacknich] with effective roles [viewer], this action is granted by the cluster privileges [manage_security,all]"},"status":403}"#,
    );
    let api = err.api().unwrap();
    assert!(api.is_forbidden());
    assert!(api.reason.as_deref().unwrap().contains("manage_security"));
}

#[test]
fn status_404_with_empty_object_body() {
    // GET /_security/user/<unknown> answers 404 with `{}`.
    let err = err_of::<GetUser>(404, "{}");
    let api = err.api().unwrap();
    assert!(api.is_not_found());
    assert_eq!(api.error_type, None);
    assert_eq!(api.reason, None);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.to_string(), "security.get_user answered 404");
}

#[test]
fn status_404_resource_not_found() {
    let err = err_of::<GetUser>(
        404,
        r#"{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"user [nobody] not found"}],"type":"resource_not_found_exception","reason":"user [nobody] not found"},"status":404}"#,
    );
    assert_eq!(
        err.api().unwrap().error_type.as_deref(),
        Some("resource_not_found_exception")
    );
}

#[test]
fn status_409_version_conflict_with_cause() {
    let err = err_of::<PutUser>(
        409,
        r#"{"error":{"root_cause":[{"type":"version_conflict_engine_exception","reason":"[user-jacknich]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [6] and primary term [1]","index_uuid":"x","shard":"0","index":".security-7"}],"type":"version_conflict_engine_exception","reason":"[user-jacknich]: version conflict","caused_by":{"type":"illegal_state_exception","reason":"inner","caused_by":{"type":"io_exception","reason":"deepest"}}},"status":409}"#,
    );
    let api = err.api().unwrap();
    assert!(api.is_conflict());
    let cause = api.caused_by.as_ref().unwrap();
    assert_eq!(cause.error_type, "illegal_state_exception");
    assert_eq!(
        cause.caused_by.as_ref().unwrap().reason.as_deref(),
        Some("deepest")
    );
    assert!(err
        .to_string()
        .contains("caused by illegal_state_exception: inner"));
}

#[test]
fn status_500_and_non_json_bodies_still_say_something() {
    let err = err_of::<Authenticate>(
        500,
        r#"{"error":"Internal Server Error: something broke","status":500}"#,
    );
    assert_eq!(
        err.api().unwrap().reason.as_deref(),
        Some("Internal Server Error: something broke")
    );

    let err = err_of::<Authenticate>(502, "<html><body>Bad Gateway</body></html>");
    let api = err.api().unwrap();
    assert_eq!(api.status, 502);
    assert_eq!(
        api.reason.as_deref(),
        Some("<html><body>Bad Gateway</body></html>")
    );
    assert_eq!(api.body, b"<html><body>Bad Gateway</body></html>");

    // `error` neither an object nor a text: the body is the reason, as for any other body.
    for body in [
        r#"{"error":5}"#,
        r#"{"error":null}"#,
        r#"{"error":["a"]}"#,
        r#"{"error":true,"status":500}"#,
        r#"{"status":500}"#,
    ] {
        let err = err_of::<Authenticate>(500, body);
        let api = err.api().unwrap();
        assert_eq!(api.reason.as_deref(), Some(body));
        assert_eq!(api.error_type, None);
        assert_eq!(api.error, None);
    }

    let err = err_of::<Authenticate>(503, "");
    assert_eq!(err.to_string(), "security.authenticate answered 503");

    let long = "x".repeat(2000);
    let err = err_of::<Authenticate>(500, &long);
    assert!(
        err.to_string().len() < 600,
        "long bodies are shortened in the message"
    );
    assert_eq!(
        err.api().unwrap().body.len(),
        2000,
        "but kept whole in `body`"
    );
}

#[test]
fn a_2xx_without_the_product_header_is_not_elasticsearch() {
    let response = http::Response::builder()
        .status(200)
        .body(b"{\"created\":true}".to_vec())
        .unwrap();
    let err = PutUser::decode(response).unwrap_err();
    assert!(
        matches!(err, Error::UnsupportedProduct { status: 200, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("not Elasticsearch"));

    let response = http::Response::builder()
        .status(200)
        .header("x-elastic-product", "OpenSearch")
        .body(b"{\"created\":true}".to_vec())
        .unwrap();
    assert!(matches!(
        PutUser::decode(response),
        Err(Error::UnsupportedProduct { .. })
    ));

    // Error statuses are reported as ES errors whatever the header says.
    let response = http::Response::builder()
        .status(401)
        .body(Vec::new())
        .unwrap();
    assert!(matches!(Authenticate::decode(response), Err(Error::Api(_))));
}

#[test]
fn decode_errors_name_the_endpoint_and_the_json_path() {
    let err = PutUser::decode(es_response(200, r#"{"created":"yes"}"#)).unwrap_err();
    match &err {
        Error::Decode { endpoint, path, .. } => {
            assert_eq!(*endpoint, "security.put_user");
            assert_eq!(path, "created");
        }
        other => panic!("{other:?}"),
    }
    let err = GetUser::decode(es_response(
        200,
        r#"{"jacknich":{"username":"jacknich","roles":[1]}}"#,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("`jacknich.roles[0]`"), "{err}");

    let err = PutUser::decode(es_response(200, "not json")).unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    let err = PutUser::decode(es_response(200, r#"{"created":true} trailing"#)).unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[test]
fn unknown_fields_are_never_fatal() {
    let users = decode::<GetUser>(
        r#"{"u":{"username":"u","roles":[],"metadata":{},"enabled":true,"brand_new":{"nested":[1,2]},"another":null}}"#,
    );
    assert!(users["u"].enabled);
}

#[test]
fn optional_turns_only_does_not_exist_answers_into_none() {
    use security_core::{users::GetUser, OptionalExt};
    let answer = |status: u16, body: &str| {
        http::Response::builder()
            .status(status)
            .header("x-elastic-product", "Elasticsearch")
            .body(body.as_bytes().to_vec())
            .unwrap()
    };
    // 404 with the endpoint's ordinary body, or a resource_not_found_exception: absent.
    for body in [
        "{}",
        r#"{"found":false}"#,
        r#"{"app":{"read":{"found":false}}}"#,
        r#"{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"api key not found"}],"type":"resource_not_found_exception","reason":"api key not found"},"status":404}"#,
    ] {
        let result = GetUser::decode(answer(404, body));
        assert!(result.as_ref().unwrap_err().is_absent(), "{body}");
        assert!(result.optional().unwrap().is_none(), "{body}");
    }
    // Any other 404 is an error: a proxy's page, a text body, another error type.
    for body in [
        "<html>Not Found</html>",
        "",
        r#"{"error":"no handler found for uri"}"#,
        r#"{"error":{"type":"index_not_found_exception","reason":"no such index [.security]"},"status":404}"#,
    ] {
        let err = GetUser::decode(answer(404, body)).optional().unwrap_err();
        assert_eq!(err.status(), Some(404), "{body}");
    }
    // Other statuses stay errors; a found value is Some.
    assert!(GetUser::decode(answer(403, "{}")).optional().is_err());
    let found = GetUser::decode(answer(
        200,
        r#"{"u":{"username":"u","roles":[],"enabled":true,"metadata":{}}}"#,
    ));
    assert!(found.optional().unwrap().unwrap().contains_key("u"));
}
