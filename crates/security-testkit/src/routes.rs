//! The routes of the security API (8.14 from its rest-api-spec, the 8.15–9.5 additions from
//! the 9.5 specification), plus `GET /`, each with the version that introduced it.

use crate::dispatch::Ctx;
use crate::error::{Outcome, Reply};
use crate::handlers::{
    api_keys, fixed, privileges, role_mappings, roles, service_accounts, tokens, unsupported, users,
};
use crate::store::State;
use crate::version::{EsVersion, Since, ALWAYS};

/// A handler: runs under the state lock.
pub(crate) type Handler = fn(&mut State, &Ctx) -> Outcome;

/// Whether a route takes a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyRule {
    None,
    Optional,
    Required,
}

/// One method set and path of an endpoint.
pub(crate) struct Route {
    pub methods: &'static [&'static str],
    pub path: &'static str,
    pub params: &'static [&'static str],
    pub body: BodyRule,
    pub handler: Handler,
    /// The first version with this route.
    pub since: Since,
    /// Query parameters (of `params`) newer than the route, with their first version.
    pub newer_params: &'static [(&'static str, Since)],
}

impl Route {
    /// The route exists from `since` on.
    const fn since(mut self, since: Since) -> Route {
        self.since = since;
        self
    }

    /// Some of its query parameters appeared later than the route.
    const fn newer(mut self, params: &'static [(&'static str, Since)]) -> Route {
        self.newer_params = params;
        self
    }

    /// Whether the query parameter exists on this route in `version`.
    pub fn accepts_param(&self, name: &str, version: EsVersion) -> bool {
        self.params.contains(&name)
            && self
                .newer_params
                .iter()
                .all(|(p, since)| *p != name || version.has(*since))
    }
}

const fn r(
    methods: &'static [&'static str],
    path: &'static str,
    params: &'static [&'static str],
    body: BodyRule,
    handler: Handler,
) -> Route {
    Route {
        methods,
        path,
        params,
        body,
        handler,
        since: ALWAYS,
        newer_params: &[],
    }
}

use BodyRule::{None as NoBody, Optional, Required};

const GET: &[&str] = &["GET"];
const POST: &[&str] = &["POST"];
const PUT: &[&str] = &["PUT"];
const DELETE: &[&str] = &["DELETE"];
const PUT_POST: &[&str] = &["PUT", "POST"];
const GET_POST: &[&str] = &["GET", "POST"];
const REFRESH: &[&str] = &["refresh"];

/// Every route.
pub(crate) static ROUTES: &[Route] = &[
    r(&["GET", "HEAD"], "/", &[], NoBody, fixed::info),
    // users
    r(
        GET,
        "/_security/_authenticate",
        &[],
        NoBody,
        users::authenticate,
    ),
    r(
        PUT_POST,
        "/_security/user/{username}/_password",
        REFRESH,
        Required,
        users::change_password,
    ),
    r(
        PUT_POST,
        "/_security/user/_password",
        REFRESH,
        Required,
        users::change_password,
    ),
    r(
        DELETE,
        "/_security/user/{username}",
        REFRESH,
        NoBody,
        users::delete_user,
    ),
    r(
        PUT_POST,
        "/_security/user/{username}/_disable",
        REFRESH,
        NoBody,
        users::disable_user,
    ),
    r(
        PUT_POST,
        "/_security/user/{username}/_enable",
        REFRESH,
        NoBody,
        users::enable_user,
    ),
    r(
        GET,
        "/_security/user/{username}",
        &["with_profile_uid"],
        NoBody,
        users::get_user,
    ),
    r(
        GET,
        "/_security/user",
        &["with_profile_uid"],
        NoBody,
        users::get_user,
    ),
    r(
        GET,
        "/_security/user/_privileges",
        &[],
        NoBody,
        users::get_user_privileges,
    ),
    r(
        PUT_POST,
        "/_security/user/{username}",
        REFRESH,
        Required,
        users::put_user,
    ),
    r(
        GET_POST,
        "/_security/user/_has_privileges",
        &[],
        Required,
        users::has_privileges,
    ),
    r(
        GET_POST,
        "/_security/user/{user}/_has_privileges",
        &[],
        Required,
        users::has_privileges,
    ),
    r(
        GET_POST,
        "/_security/_query/user",
        &["with_profile_uid"],
        Optional,
        users::query_user,
    ),
    // roles
    r(
        GET,
        "/_security/role/{name}",
        &["include_implicit"],
        NoBody,
        roles::get_role,
    )
    .newer(&[("include_implicit", (9, 5))]),
    r(
        GET,
        "/_security/role",
        &["include_implicit"],
        NoBody,
        roles::get_role,
    )
    .newer(&[("include_implicit", (9, 5))]),
    r(
        POST,
        "/_security/role",
        REFRESH,
        Required,
        roles::bulk_put_role,
    )
    .since((8, 15)),
    r(
        DELETE,
        "/_security/role",
        REFRESH,
        Required,
        roles::bulk_delete_role,
    )
    .since((8, 15)),
    r(
        GET_POST,
        "/_security/_query/role",
        &[],
        Optional,
        roles::query_role,
    )
    .since((8, 15)),
    r(
        PUT_POST,
        "/_security/role/{name}",
        REFRESH,
        Required,
        roles::put_role,
    ),
    r(
        DELETE,
        "/_security/role/{name}",
        REFRESH,
        NoBody,
        roles::delete_role,
    ),
    r(
        POST,
        "/_security/role/{name}/_clear_cache",
        &[],
        NoBody,
        fixed::clear_cached_roles,
    ),
    // role mappings
    r(
        GET,
        "/_security/role_mapping/{name}",
        &[],
        NoBody,
        role_mappings::get_role_mapping,
    ),
    r(
        GET,
        "/_security/role_mapping",
        &[],
        NoBody,
        role_mappings::get_role_mapping,
    ),
    r(
        PUT_POST,
        "/_security/role_mapping/{name}",
        REFRESH,
        Required,
        role_mappings::put_role_mapping,
    ),
    r(
        DELETE,
        "/_security/role_mapping/{name}",
        REFRESH,
        NoBody,
        role_mappings::delete_role_mapping,
    ),
    // application privileges
    r(
        GET,
        "/_security/privilege",
        &[],
        NoBody,
        privileges::get_privileges,
    ),
    r(
        GET,
        "/_security/privilege/{application}",
        &[],
        NoBody,
        privileges::get_privileges,
    ),
    r(
        GET,
        "/_security/privilege/{application}/{name}",
        &[],
        NoBody,
        privileges::get_privileges,
    ),
    r(
        PUT_POST,
        "/_security/privilege/",
        REFRESH,
        Required,
        privileges::put_privileges,
    ),
    r(
        DELETE,
        "/_security/privilege/{application}/{name}",
        REFRESH,
        NoBody,
        privileges::delete_privileges,
    ),
    r(
        POST,
        "/_security/privilege/{application}/_clear_cache",
        &[],
        NoBody,
        fixed::clear_cached_privileges,
    ),
    r(
        GET,
        "/_security/privilege/_builtin",
        &[],
        NoBody,
        fixed::get_builtin_privileges,
    ),
    // API keys
    r(
        PUT_POST,
        "/_security/api_key",
        REFRESH,
        Required,
        api_keys::create_api_key,
    ),
    r(
        GET,
        "/_security/api_key",
        &[
            "id",
            "name",
            "username",
            "realm_name",
            "owner",
            "with_limited_by",
            "with_profile_uid",
            "active_only",
        ],
        NoBody,
        api_keys::get_api_key,
    ),
    r(
        DELETE,
        "/_security/api_key",
        &[],
        Required,
        api_keys::invalidate_api_key,
    ),
    r(
        PUT,
        "/_security/api_key/{id}",
        &[],
        Optional,
        api_keys::update_api_key,
    ),
    r(
        POST,
        "/_security/api_key/_bulk_update",
        &[],
        Required,
        api_keys::bulk_update_api_keys,
    ),
    r(
        POST,
        "/_security/api_key/grant",
        REFRESH,
        Required,
        api_keys::grant_api_key,
    ),
    r(
        GET_POST,
        "/_security/_query/api_key",
        &["with_limited_by", "with_profile_uid", "typed_keys"],
        Optional,
        api_keys::query_api_keys,
    ),
    r(
        POST,
        "/_security/api_key/{ids}/_clear_cache",
        &[],
        NoBody,
        fixed::clear_api_key_cache,
    ),
    r(
        POST,
        "/_security/cross_cluster/api_key",
        &[],
        Required,
        api_keys::create_cross_cluster_api_key,
    ),
    r(
        PUT,
        "/_security/cross_cluster/api_key/{id}",
        &[],
        Required,
        api_keys::update_cross_cluster_api_key,
    ),
    r(
        PUT_POST,
        "/_security/api_key/clone",
        REFRESH,
        Required,
        api_keys::clone_api_key,
    )
    .since((9, 4)),
    // tokens
    r(
        POST,
        "/_security/oauth2/token",
        &[],
        Required,
        tokens::get_token,
    ),
    r(
        DELETE,
        "/_security/oauth2/token",
        &[],
        Required,
        tokens::invalidate_token,
    ),
    // service accounts
    r(
        GET,
        "/_security/service/{namespace}/{service}",
        &[],
        NoBody,
        service_accounts::get_service_accounts,
    ),
    r(
        GET,
        "/_security/service/{namespace}",
        &[],
        NoBody,
        service_accounts::get_service_accounts,
    ),
    r(
        GET,
        "/_security/service",
        &[],
        NoBody,
        service_accounts::get_service_accounts,
    ),
    r(
        GET,
        "/_security/service/{namespace}/{service}/credential",
        &[],
        NoBody,
        service_accounts::get_service_credentials,
    ),
    r(
        PUT_POST,
        "/_security/service/{namespace}/{service}/credential/token/{name}",
        REFRESH,
        NoBody,
        service_accounts::create_service_token,
    ),
    r(
        POST,
        "/_security/service/{namespace}/{service}/credential/token",
        REFRESH,
        NoBody,
        service_accounts::create_service_token,
    ),
    r(
        DELETE,
        "/_security/service/{namespace}/{service}/credential/token/{name}",
        REFRESH,
        NoBody,
        service_accounts::delete_service_token,
    ),
    r(
        POST,
        "/_security/service/{namespace}/{service}/credential/token/{name}/_clear_cache",
        &[],
        NoBody,
        fixed::clear_cached_service_tokens,
    ),
    // realms
    r(
        POST,
        "/_security/realm/{realms}/_clear_cache",
        &["usernames"],
        NoBody,
        fixed::clear_cached_realms,
    ),
    // enrollment
    r(
        GET,
        "/_security/enroll/kibana",
        &[],
        NoBody,
        service_accounts::enroll_kibana,
    ),
    r(
        GET,
        "/_security/enroll/node",
        &[],
        NoBody,
        fixed::enroll_node,
    ),
    // settings
    r(
        GET,
        "/_security/settings",
        &["master_timeout"],
        NoBody,
        fixed::get_settings,
    )
    .newer(&[("master_timeout", (8, 15))]),
    r(
        PUT,
        "/_security/settings",
        &["master_timeout", "timeout"],
        Required,
        fixed::update_settings,
    )
    .newer(&[("master_timeout", (8, 15)), ("timeout", (8, 15))]),
    // stats
    r(GET, "/_security/stats", &[], NoBody, fixed::get_stats).since((9, 2)),
    // PKI delegation: answered like a cluster without a delegation-enabled PKI realm
    r(
        POST,
        "/_security/delegate_pki",
        &[],
        Required,
        unsupported::delegate_pki,
    ),
    // SAML and user profiles: not emulated. OpenID Connect: answered like a cluster without
    // an OpenID Connect realm.
    r(
        POST,
        "/_security/saml/authenticate",
        &[],
        Required,
        unsupported::saml,
    ),
    r(
        POST,
        "/_security/saml/complete_logout",
        &[],
        Required,
        unsupported::saml,
    ),
    r(
        POST,
        "/_security/saml/invalidate",
        &[],
        Required,
        unsupported::saml,
    ),
    r(
        POST,
        "/_security/saml/logout",
        &[],
        Required,
        unsupported::saml,
    ),
    r(
        POST,
        "/_security/saml/prepare",
        &[],
        Required,
        unsupported::saml,
    ),
    r(
        GET,
        "/_security/saml/metadata/{realm_name}",
        &[],
        NoBody,
        unsupported::saml,
    ),
    r(
        POST,
        "/_security/oidc/authenticate",
        &[],
        Required,
        unsupported::oidc_authenticate,
    ),
    r(
        POST,
        "/_security/oidc/logout",
        &[],
        Required,
        unsupported::oidc_logout,
    ),
    r(
        POST,
        "/_security/oidc/prepare",
        &[],
        Required,
        unsupported::oidc_prepare,
    ),
    r(
        POST,
        "/_security/profile/_activate",
        &[],
        Required,
        unsupported::profiles,
    ),
    r(
        PUT_POST,
        "/_security/profile/{uid}/_disable",
        REFRESH,
        NoBody,
        unsupported::profiles,
    ),
    r(
        PUT_POST,
        "/_security/profile/{uid}/_enable",
        REFRESH,
        NoBody,
        unsupported::profiles,
    ),
    r(
        GET,
        "/_security/profile/{uid}",
        &["data"],
        NoBody,
        unsupported::profiles,
    ),
    r(
        GET_POST,
        "/_security/profile/_has_privileges",
        &[],
        Required,
        unsupported::profiles,
    ),
    r(
        GET_POST,
        "/_security/profile/_suggest",
        &["data"],
        Optional,
        unsupported::profiles,
    ),
    r(
        PUT_POST,
        "/_security/profile/{uid}/_data",
        &["if_seq_no", "if_primary_term", "refresh"],
        Required,
        unsupported::profiles,
    ),
];

/// The result of matching a request to the routes.
pub(crate) enum RouteMatch {
    Found(&'static Route, Vec<(&'static str, String)>),
    /// The path exists, not with this method: the allowed methods.
    WrongMethod(Vec<&'static str>),
    NotFound,
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// Matches a route's path template; returns the (decoded) path parameters and the number of
/// literal segments (more literal segments win, as in Elasticsearch's path trie).
fn match_path(template: &'static str, path: &str) -> Option<(Vec<(&'static str, String)>, usize)> {
    let t: Vec<&'static str> = segments(template).collect();
    let p: Vec<&str> = segments(path).collect();
    if t.len() != p.len() {
        return None;
    }
    let mut params = Vec::new();
    let mut literals = 0;
    for (ts, ps) in t.iter().zip(&p) {
        if let Some(name) = ts.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            params.push((name, crate::util::percent_decode(ps, false)));
        } else if ts == ps {
            literals += 1;
        } else {
            return None;
        }
    }
    Some((params, literals))
}

/// Decoded path parameters.
type Params = Vec<(&'static str, String)>;

/// Finds the route of a request.
pub(crate) fn match_route(method: &http::Method, path: &str, version: EsVersion) -> RouteMatch {
    let mut best: Option<(&'static Route, Params, usize)> = None;
    let mut allowed: Vec<&'static str> = Vec::new();
    for route in ROUTES.iter().filter(|r| version.has(r.since)) {
        let Some((params, literals)) = match_path(route.path, path) else {
            continue;
        };
        for m in route.methods {
            if !allowed.contains(m) {
                allowed.push(m);
            }
        }
        if route.methods.iter().any(|m| *m == method.as_str())
            && best.as_ref().is_none_or(|(_, _, l)| literals > *l)
        {
            best = Some((route, params, literals));
        }
    }
    match best {
        Some((route, params, _)) => RouteMatch::Found(route, params),
        None if !allowed.is_empty() => RouteMatch::WrongMethod(allowed),
        None => RouteMatch::NotFound,
    }
}

/// The routes of the security endpoints public on Elastic Cloud Serverless (the 9.5
/// specification's `visibility=public`), and `GET /`: method and path template.
const SERVERLESS_PUBLIC: &[(&str, &str)] = &[
    ("GET", "/"),
    ("HEAD", "/"),
    ("GET", "/_security/_authenticate"),
    ("PUT", "/_security/api_key"),
    ("POST", "/_security/api_key"),
    ("GET", "/_security/api_key"),
    ("DELETE", "/_security/api_key"),
    ("PUT", "/_security/api_key/{id}"),
    ("GET", "/_security/_query/api_key"),
    ("POST", "/_security/_query/api_key"),
    ("GET", "/_security/role/{name}"),
    ("GET", "/_security/role"),
    ("PUT", "/_security/role/{name}"),
    ("POST", "/_security/role/{name}"),
    ("DELETE", "/_security/role/{name}"),
    ("GET", "/_security/_query/role"),
    ("POST", "/_security/_query/role"),
    (
        "PUT",
        "/_security/service/{namespace}/{service}/credential/token/{name}",
    ),
    (
        "POST",
        "/_security/service/{namespace}/{service}/credential/token/{name}",
    ),
    (
        "POST",
        "/_security/service/{namespace}/{service}/credential/token",
    ),
    (
        "DELETE",
        "/_security/service/{namespace}/{service}/credential/token/{name}",
    ),
    ("GET", "/_security/user/_has_privileges"),
    ("POST", "/_security/user/_has_privileges"),
    ("GET", "/_security/user/{user}/_has_privileges"),
    ("POST", "/_security/user/{user}/_has_privileges"),
    ("GET", "/_security/privilege/_builtin"),
];

/// On a serverless project: a route that is not public answers `410
/// api_not_available_exception`, and the only API version is `2023-10-31`.
pub(crate) fn serverless_check(route: &Route, req: &crate::dispatch::Request) -> Result<(), Reply> {
    if let Some(version) = req.header("elastic-api-version") {
        if version != "2023-10-31" {
            return Err(crate::error::illegal_argument(format!(
                "Unsupported API version [{version}]: the supported version is [2023-10-31]"
            )));
        }
    }
    let method = req.method.as_str();
    if SERVERLESS_PUBLIC
        .iter()
        .any(|(m, p)| *m == method && *p == route.path)
    {
        return Ok(());
    }
    Err(crate::error::EsError::new(
        410,
        "api_not_available_exception",
        format!(
            "Request for uri [{}] with method [{}] exists but is not available when running in serverless mode",
            req.uri, req.method
        ),
    )
    .reply())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(method: &str, path: &str) -> (&'static str, Vec<(&'static str, String)>) {
        match match_route(&method.parse().unwrap(), path, EsVersion::V9_5) {
            RouteMatch::Found(r, p) => (r.path, p),
            _ => panic!("no route for {method} {path}"),
        }
    }

    #[test]
    fn literals_win_over_parameters() {
        assert_eq!(
            found("GET", "/_security/user/_privileges").0,
            "/_security/user/_privileges"
        );
        assert_eq!(
            found("GET", "/_security/user/jack").1,
            vec![("username", "jack".to_owned())]
        );
        assert_eq!(
            found("GET", "/_security/privilege/_builtin").0,
            "/_security/privilege/_builtin"
        );
        assert_eq!(
            found("PUT", "/_security/privilege").0,
            "/_security/privilege/"
        );
        assert_eq!(found("GET", "/_security/user/a%2Fb").1[0].1, "a/b");
        assert!(matches!(
            match_route(
                &http::Method::PATCH,
                "/_security/user/jack",
                EsVersion::V8_14
            ),
            RouteMatch::WrongMethod(_)
        ));
        assert!(matches!(
            match_route(
                &http::Method::GET,
                "/_security/nothing/here/at/all",
                EsVersion::V8_14
            ),
            RouteMatch::NotFound
        ));
    }
}
