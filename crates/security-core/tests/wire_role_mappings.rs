//! Wire-exact requests and typed answers of the `role_mappings` group, and the rule and
//! template types against every documented example.

mod common;
use common::*;
use security_core::role_mappings::*;
use security_core::types::common::{OneOrMany, Refresh};
use security_core::types::role_mappings::*;
use security_core::Endpoint;
use serde_json::json;

fn map(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn put_role_mapping_minimal() {
    assert_wire(
        &build(&PutRoleMapping::new("mapping1")),
        "PUT",
        "/_security/role_mapping/mapping1",
        Some(json!({})),
    );
    assert!(PutRoleMapping::new("").request_parts().is_err());
}

#[test]
fn put_role_mapping_all_parameters() {
    let req = build(
        &PutRoleMapping::new("mapping 8/ü")
            .refresh(Refresh::WaitFor)
            .enabled(true)
            .metadata(map(json!({"version": 1})))
            .roles(["superuser"])
            .role_templates([
                RoleTemplate::inline("_user_{{username}}"),
                RoleTemplate::inline("{{#tojson}}groups{{/tojson}}")
                    .with_format(TemplateFormat::Json),
                RoleTemplate::stored("my-script"),
            ])
            .rules(RoleMappingRule::all([
                RoleMappingRule::any([
                    RoleMappingRule::field("dn", "*,ou=admin,dc=example,dc=com"),
                    RoleMappingRule::field_any_of("username", ["es-admin", "es-system"]),
                ]),
                RoleMappingRule::field("groups", "cn=people,dc=example,dc=com"),
                RoleMappingRule::field("metadata.level", 3),
                RoleMappingRule::field("metadata.active", true),
                RoleMappingRule::field_any_of(
                    "metadata.codes",
                    [FieldRuleValue::from(7), "x".into(), FieldRuleValue::Null],
                ),
                RoleMappingRule::except(RoleMappingRule::field(
                    "metadata.terminated_date",
                    FieldRuleValue::Null,
                )),
            ]))
            .run_as_users(["other_user"])
            .error_trace(true)
            .filter_path("role_mapping")
            .human(true)
            .pretty(false),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/role_mapping/mapping%208%2F%C3%BC?refresh=wait_for&error_trace=true&filter_path=role_mapping&human=true&pretty=false",
        Some(json!({
            "enabled": true,
            "metadata": {"version": 1},
            "roles": ["superuser"],
            "role_templates": [
                {"template": {"source": "_user_{{username}}"}},
                {"template": {"source": "{{#tojson}}groups{{/tojson}}"}, "format": "json"},
                {"template": {"id": "my-script"}}
            ],
            "rules": {"all": [
                {"any": [
                    {"field": {"dn": "*,ou=admin,dc=example,dc=com"}},
                    {"field": {"username": ["es-admin", "es-system"]}}
                ]},
                {"field": {"groups": "cn=people,dc=example,dc=com"}},
                {"field": {"metadata.level": 3}},
                {"field": {"metadata.active": true}},
                {"field": {"metadata.codes": [7, "x", null]}},
                {"except": {"field": {"metadata.terminated_date": null}}}
            ]},
            "run_as": ["other_user"]
        })),
    );
    assert_body_bytes(
        &req,
        concat!(
            r#"{"enabled":true,"metadata":{"version":1},"roles":["superuser"],"#,
            r#""role_templates":[{"template":{"source":"_user_{{username}}"}},"#,
            r#"{"format":"json","template":{"source":"{{#tojson}}groups{{/tojson}}"}},"#,
            r#"{"template":{"id":"my-script"}}],"#,
            r#""rules":{"all":[{"any":[{"field":{"dn":"*,ou=admin,dc=example,dc=com"}},"#,
            r#"{"field":{"username":["es-admin","es-system"]}}]},"#,
            r#"{"field":{"groups":"cn=people,dc=example,dc=com"}},{"field":{"metadata.level":3}},"#,
            r#"{"field":{"metadata.active":true}},{"field":{"metadata.codes":[7,"x",null]}},"#,
            r#"{"except":{"field":{"metadata.terminated_date":null}}}]},"run_as":["other_user"]}"#
        ),
    );
    // The run_as request option is a header, not the body field.
    let req = build(&PutRoleMapping::new("m").run_as("admin"));
    assert_eq!(req.headers()["es-security-runas-user"], "admin");
    assert_wire(&req, "PUT", "/_security/role_mapping/m", Some(json!({})));
}

/// Every documented put_role_mapping request: its rules and role templates decode into the
/// typed rules and templates and serialize back to the same JSON, and the whole body can be
/// built with the setters.
#[test]
fn put_role_mapping_documented_requests_are_expressible() {
    let dir = spec("put_role_mapping_documented_requests_are_expressible");
    let examples = examples(&dir, "security.put_role_mapping", "request");
    assert_eq!(examples.len(), 9, "the documented request examples");
    for ex in examples {
        let file = ex.file.display().to_string();
        let value = ex.value.unwrap_or_else(|e| panic!("{file}: {e}"));

        let rules: RoleMappingRule = serde_json::from_value(value["rules"].clone())
            .unwrap_or_else(|e| panic!("{file}: rules do not decode: {e}"));
        assert_eq!(
            serde_json::to_value(&rules).unwrap(),
            value["rules"],
            "{file}: rules round trip"
        );

        let method_request = ex.method_request.unwrap();
        let name = method_request.rsplit('/').next().unwrap();
        let mut request = PutRoleMapping::new(name).rules(rules);
        if let Some(templates) = value.get("role_templates") {
            let typed: Vec<RoleTemplate> = serde_json::from_value(templates.clone())
                .unwrap_or_else(|e| panic!("{file}: role_templates do not decode: {e}"));
            assert_eq!(
                &serde_json::to_value(&typed).unwrap(),
                templates,
                "{file}: role_templates round trip"
            );
            request = request.role_templates(typed);
        }
        if let Some(roles) = value.get("roles") {
            let roles: Vec<String> = serde_json::from_value(roles.clone()).unwrap();
            request = request.roles(roles);
        }
        if let Some(enabled) = value.get("enabled") {
            request = request.enabled(enabled.as_bool().unwrap());
        }
        if let Some(metadata) = value.get("metadata") {
            request = request.metadata(map(metadata.clone()));
        }
        // The examples use POST; PUT|POST are equivalent and the official clients send PUT.
        assert!(method_request.starts_with("POST /_security/role_mapping/"));
        assert_wire(
            &build(&request),
            "PUT",
            &format!("/_security/role_mapping/{name}"),
            Some(value),
        );
    }
}

#[test]
fn rules_decode_into_the_typed_tree() {
    let rule: RoleMappingRule = serde_json::from_value(json!({
        "all": [
            {"any": [{"field": {"dn": "*,ou=admin,dc=example,dc=com"}}, {"field": {"username": ["a", "b"]}}]},
            {"except": {"field": {"metadata.terminated_date": null}}},
            {"field": {"metadata.level": 2.5}},
            {"field": {"metadata.flags": [true, -1, null]}}
        ]
    }))
    .unwrap();
    assert_eq!(
        rule,
        RoleMappingRule::all([
            RoleMappingRule::any([
                RoleMappingRule::field("dn", "*,ou=admin,dc=example,dc=com"),
                RoleMappingRule::field_any_of("username", ["a", "b"]),
            ]),
            RoleMappingRule::except(RoleMappingRule::field(
                "metadata.terminated_date",
                FieldRuleValue::Null
            )),
            RoleMappingRule::field("metadata.level", serde_json::Number::from_f64(2.5).unwrap()),
            RoleMappingRule::field_any_of(
                "metadata.flags",
                [
                    FieldRuleValue::Bool(true),
                    (-1i64).into(),
                    FieldRuleValue::Null
                ]
            ),
        ])
    );
    let RoleMappingRule::All(all) = &rule else {
        panic!("{rule:?}")
    };
    let RoleMappingRule::Any(any) = &all[0] else {
        panic!("{:?}", all[0])
    };
    let RoleMappingRule::Field(field) = &any[1] else {
        panic!("{:?}", any[1])
    };
    assert_eq!(field.field, "username");
    assert_eq!(field.values.as_slice().len(), 2);
}

#[test]
fn malformed_rules_are_rejected() {
    for bad in [
        json!({"field": {}}),
        json!({"field": {"username": "a", "groups": "b"}}),
        json!({"field": {"username": {"nested": 1}}}),
        json!({"any": {"field": {"username": "a"}}}),
        json!({"nope": []}),
        json!({"any": [], "all": []}),
        json!("any"),
    ] {
        assert!(
            serde_json::from_value::<RoleMappingRule>(bad.clone()).is_err(),
            "{bad} should not decode"
        );
    }
    let err = serde_json::from_value::<RoleMappingRule>(
        json!({"field": {"username": "a", "groups": "b"}}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("exactly one field"), "{err}");
}

#[test]
fn role_templates_read_both_forms() {
    // What Elasticsearch returns: the script as a JSON string.
    let returned: RoleTemplate = serde_json::from_value(
        json!({"template": "{\"source\":\"{{#tojson}}groups{{/tojson}}\"}", "format": "json"}),
    )
    .unwrap();
    assert_eq!(returned.format, Some(TemplateFormat::Json));
    let Script::Inline(inline) = returned.template.script().unwrap() else {
        panic!("{returned:?}")
    };
    assert_eq!(inline.source, "{{#tojson}}groups{{/tojson}}");
    // The string form is sent back as it came.
    assert_eq!(
        serde_json::to_value(&returned).unwrap()["template"],
        "{\"source\":\"{{#tojson}}groups{{/tojson}}\"}"
    );
    // A stored script with parameters and an unknown format.
    let stored: RoleTemplate = serde_json::from_value(
        json!({"template": {"id": "my-script", "params": {"p": 1}}, "format": "yaml"}),
    )
    .unwrap();
    assert_eq!(stored.format, Some(TemplateFormat::Other("yaml".into())));
    let Script::Stored(id) = stored.template.script().unwrap() else {
        panic!("{stored:?}")
    };
    assert_eq!(id.id, "my-script");
    assert_eq!(id.params.unwrap()["p"], 1);
    // An inline script with every field.
    let full: RoleTemplate = serde_json::from_value(json!({"template": {
        "source": "_user_{{username}}", "lang": "mustache", "options": {"content_type": "text/plain"},
        "params": {"x": "y"}}}))
    .unwrap();
    let Script::Inline(inline) = full.template.script().unwrap() else {
        panic!("{full:?}")
    };
    assert_eq!(inline.lang, Some(ScriptLanguage::Mustache));
    assert_eq!(inline.options.unwrap()["content_type"], "text/plain");
    // A JSON string that is not a script is an error from `script()`, not a decode failure.
    let odd: RoleTemplate = serde_json::from_value(json!({"template": "not json"})).unwrap();
    assert!(odd.template.script().is_err());
}

#[test]
fn put_role_mapping_decodes() {
    let answer = decode::<PutRoleMapping>(r#"{"role_mapping":{"created":true}}"#);
    assert!(answer.role_mapping.created);
    assert_eq!(answer.created, None);
    let answer = decode::<PutRoleMapping>(r#"{"created":false,"role_mapping":{"created":false}}"#);
    assert_eq!(answer.created, Some(false));
    assert!(!answer.role_mapping.created);
}

#[test]
fn get_role_mapping_routes_and_escaping() {
    assert_wire(
        &build(&GetRoleMapping::new()),
        "GET",
        "/_security/role_mapping",
        None,
    );
    assert_wire(
        &build(&GetRoleMapping::new().name("mapping1")),
        "GET",
        "/_security/role_mapping/mapping1",
        None,
    );
    assert_wire(
        &build(
            &GetRoleMapping::new()
                .name(["m 1", "m+2"])
                .error_trace(false)
                .filter_path("*.roles")
                .human(true)
                .pretty(true),
        ),
        "GET",
        "/_security/role_mapping/m%201,m%2B2?error_trace=false&filter_path=*.roles&human=true&pretty=true",
        None,
    );
    assert!(GetRoleMapping::new().name("").request_parts().is_err());
}

#[test]
fn get_role_mapping_decodes_realistic_answers() {
    let mappings = decode::<GetRoleMapping>(
        r#"{
      "mapping1": {"enabled": true, "roles": ["user"], "rules": {"field": {"username": "*"}}, "metadata": {}},
      "mapping9": {
        "enabled": false,
        "role_templates": [
          {"template": "{\"source\":\"saml_user\"}", "format": "string"},
          {"template": "{\"source\":\"_user_{{username}}\"}", "format": "string"}
        ],
        "rules": {"all": [{"field": {"realm.name": "cloud-saml"}}, {"except": {"field": {"metadata.terminated_date": null}}}]},
        "metadata": {"_read_only": true, "version": 3},
        "a_newer_field": [1]
      }
    }"#,
    );
    let m1 = &mappings["mapping1"];
    assert!(m1.enabled);
    assert_eq!(m1.roles, ["user"]);
    assert!(m1.role_templates.is_empty());
    assert_eq!(m1.rules, RoleMappingRule::field("username", "*"));

    let m9 = &mappings["mapping9"];
    assert!(!m9.enabled);
    assert!(m9.roles.is_empty());
    assert_eq!(m9.metadata["version"], 3);
    let sources: Vec<String> = m9
        .role_templates
        .iter()
        .map(|t| match t.template.script().unwrap() {
            Script::Inline(inline) => inline.source,
            Script::Stored(stored) => stored.id,
        })
        .collect();
    assert_eq!(sources, ["saml_user", "_user_{{username}}"]);
    assert_eq!(
        m9.rules,
        RoleMappingRule::all([
            RoleMappingRule::field("realm.name", "cloud-saml"),
            RoleMappingRule::except(RoleMappingRule::field(
                "metadata.terminated_date",
                FieldRuleValue::Null
            )),
        ])
    );
}

#[test]
fn get_role_mapping_documented_answer() {
    let dir = spec("get_role_mapping_documented_answer");
    let examples = examples(&dir, "security.get_role_mapping", "response");
    assert_eq!(examples.len(), 1);
    let mappings = decode::<GetRoleMapping>(&examples[0].value.as_ref().unwrap().to_string());
    let m = &mappings["mapping1"];
    assert!(m.enabled);
    assert_eq!(m.roles, ["user"]);
    assert_eq!(
        m.rules,
        RoleMappingRule::Field(FieldRule {
            field: "username".into(),
            values: OneOrMany::One(FieldRuleValue::String("*".into())),
        })
    );
    assert!(m.metadata.is_empty());
}

#[test]
fn a_mapping_read_with_get_role_mapping_can_be_put_again() {
    let mappings = decode::<GetRoleMapping>(
        r#"{"m":{"enabled":true,"role_templates":[{"template":"{\"source\":\"_user_{{username}}\"}","format":"string"}],
        "rules":{"field":{"realm.name":"saml1"}},"metadata":{"v":1}}}"#,
    );
    let body = PutRoleMappingBody::from(mappings["m"].clone());
    let req = build(&PutRoleMapping::new("m2").body(body));
    assert_wire(
        &req,
        "PUT",
        "/_security/role_mapping/m2",
        Some(json!({
            "enabled": true,
            "metadata": {"v": 1},
            "role_templates": [{"template": "{\"source\":\"_user_{{username}}\"}", "format": "string"}],
            "rules": {"field": {"realm.name": "saml1"}}
        })),
    );
}

#[test]
fn delete_role_mapping_minimal_and_all_parameters() {
    assert_wire(
        &build(&DeleteRoleMapping::new("mapping1")),
        "DELETE",
        "/_security/role_mapping/mapping1",
        None,
    );
    assert_wire(
        &build(
            &DeleteRoleMapping::new("map ping")
                .refresh(Refresh::True)
                .error_trace(true)
                .filter_path("found")
                .human(false)
                .pretty(true),
        ),
        "DELETE",
        "/_security/role_mapping/map%20ping?refresh=true&error_trace=true&filter_path=found&human=false&pretty=true",
        None,
    );
    assert!(DeleteRoleMapping::new("").request_parts().is_err());
}

#[test]
fn delete_role_mapping_decodes() {
    assert!(decode::<DeleteRoleMapping>(r#"{"found":true}"#).found);
    assert!(!decode::<DeleteRoleMapping>(r#"{"found":false}"#).found);
}

#[test]
fn role_mappings_group_declares_its_endpoints() {
    let names: Vec<&str> = SPECS.iter().map(|s| s.method_name()).collect();
    assert_eq!(
        names,
        [
            "put_role_mapping",
            "get_role_mapping",
            "delete_role_mapping"
        ]
    );
}
