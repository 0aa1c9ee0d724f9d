//! `endpoint!`: the one place where an endpoint is declared.
//!
//! A declaration names the spec endpoint, its reference page, the server versions that have it
//! and its newer parameters (the specification's `since`), its response type, its routes (as in
//! the rest-api-spec), its path and query parameters and its body. From it the macro
//! generates the request type with its constructor (required parameters), chainable setters
//! (optional parameters, body fields, common parameters, per-request options), the [`Endpoint`]
//! implementation (so the wire shape comes from the declaration itself) and `IntoFuture` for
//! requests bound to a client.
//!
//! [`Endpoint`]: crate::Endpoint

#[doc(hidden)]
#[macro_export]
macro_rules! __body_ty {
    (none, $bty:ty) => { () };
    (required, $bty:ty) => { $bty };
    (optional, $bty:ty) => { ::core::option::Option<$bty> };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __body_kind {
    (none) => {
        $crate::BodyKind::None
    };
    (required) => {
        $crate::BodyKind::Required
    };
    (optional) => {
        $crate::BodyKind::Optional
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __body_init {
    (none, $bty:ty, [$($af:ident: $at:ty),*]) => { () };
    (required, $bty:ty, [$($af:ident: $at:ty),*]) => {{
        #[allow(unused_mut)]
        let mut body = <$bty as ::core::default::Default>::default();
        $( body.$af = ::core::convert::Into::<$at>::into($af).into(); )*
        body
    }};
    (optional, $bty:ty, [$($af:ident: $at:ty),*]) => { ::core::option::Option::None };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __body_encode {
    (none, $api:expr, $body:expr) => {
        ::core::option::Option::None
    };
    (required, $api:expr, $body:expr) => {
        ::core::option::Option::Some($crate::encode_body($api, $body)?)
    };
    (optional, $api:expr, $body:expr) => {
        match $body {
            ::core::option::Option::Some(body) => {
                ::core::option::Option::Some($crate::encode_body($api, body)?)
            }
            ::core::option::Option::None => ::core::option::Option::None,
        }
    };
}

/// Accessors and setters that only exist for endpoints with a body.
#[doc(hidden)]
#[macro_export]
macro_rules! __body_methods {
    (none, $bty:ty) => {};
    (required, $bty:ty) => {
        /// Sets the whole typed body (or anything that converts into it).
        pub fn body(mut self, body: impl ::core::convert::Into<$bty>) -> Self {
            self.body = body.into();
            self
        }
        /// The typed body.
        pub fn body_ref(&self) -> &$bty {
            &self.body
        }
        #[allow(dead_code)]
        fn __body_mut(&mut self) -> &mut $bty {
            &mut self.body
        }
        $crate::__raw_body_setter!();
    };
    (optional, $bty:ty) => {
        /// Sets the whole typed body (or anything that converts into it).
        pub fn body(mut self, body: impl ::core::convert::Into<$bty>) -> Self {
            self.body = ::core::option::Option::Some(body.into());
            self
        }
        /// The typed body, if one is set.
        pub fn body_ref(&self) -> ::core::option::Option<&$bty> {
            self.body.as_ref()
        }
        #[allow(dead_code)]
        fn __body_mut(&mut self) -> &mut $bty {
            self.body
                .get_or_insert_with(::core::default::Default::default)
        }
        $crate::__raw_body_setter!();
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __raw_body_setter {
    () => {
        /// Sends this JSON as the body instead of the typed one: the escape hatch for fields the
        /// types do not cover yet.
        /// `Debug` shows its size, not its content.
        pub fn raw_body(mut self, body: $crate::serde_json::Value) -> Self {
            self.raw_body = ::core::option::Option::Some($crate::RawBody(body));
            self
        }
    };
}

/// `request_parts` of an endpoint: the declared parts, or the endpoint's hook, which may check
/// the request (and refuse it) or adjust the parts, calling `__request_parts` itself.
#[doc(hidden)]
#[macro_export]
macro_rules! __parts_with_hook {
    ($this:ident) => {
        $this.__request_parts()
    };
    ($this:ident $hook:ident) => {
        $this.$hook()
    };
}

/// Whether an endpoint is declared repeatable: yes unless it says `repeatable: false`.
#[doc(hidden)]
#[macro_export]
macro_rules! __repeatable {
    () => {
        true
    };
    ($rep:literal) => {
        $rep
    };
}

/// One setter for a body field, by kind: `opt` (`Option<T>`), `list` (`Option<Vec<T>>`),
/// `vec` (`Vec<T>`), `val` (`T`).
#[doc(hidden)]
#[macro_export]
macro_rules! __body_setter {
    (opt [$(#[$m:meta])*] $f:ident: $t:ty) => {
        $(#[$m])*
        pub fn $f(mut self, value: impl ::core::convert::Into<$t>) -> Self {
            self.__body_mut().$f = ::core::option::Option::Some(value.into());
            self
        }
    };
    (list [$(#[$m:meta])*] $f:ident: $t:ty) => {
        $(#[$m])*
        pub fn $f<I>(mut self, values: I) -> Self
        where
            I: ::core::iter::IntoIterator,
            I::Item: ::core::convert::Into<$t>,
        {
            self.__body_mut().$f =
                ::core::option::Option::Some(values.into_iter().map(::core::convert::Into::into).collect());
            self
        }
    };
    (vec [$(#[$m:meta])*] $f:ident: $t:ty) => {
        $(#[$m])*
        pub fn $f<I>(mut self, values: I) -> Self
        where
            I: ::core::iter::IntoIterator,
            I::Item: ::core::convert::Into<$t>,
        {
            self.__body_mut().$f = values.into_iter().map(::core::convert::Into::into).collect();
            self
        }
    };
    (val [$(#[$m:meta])*] $f:ident: $t:ty) => {
        $(#[$m])*
        pub fn $f(mut self, value: impl ::core::convert::Into<$t>) -> Self {
            self.__body_mut().$f = value.into();
            self
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __since {
    () => {
        ::core::option::Option::None
    };
    ($since:literal) => {
        ::core::option::Option::Some($crate::Version::from_spec($since))
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __stability {
    () => {
        $crate::Stability::Stable
    };
    (stable) => {
        $crate::Stability::Stable
    };
    (beta) => {
        $crate::Stability::Beta
    };
    (experimental) => {
        $crate::Stability::Experimental
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __serverless {
    () => {
        $crate::Serverless::NotAvailable
    };
    (public) => {
        $crate::Serverless::Public
    };
    (private) => {
        $crate::Serverless::Private
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __serverless_doc {
    () => {
        "Not available on Elastic Cloud Serverless: a serverless client refuses it before sending."
    };
    (public) => {
        "Available on Elastic Cloud Serverless."
    };
    (private) => {
        "On Elastic Cloud Serverless, private to Elastic (Elastic-internal): a serverless client \
         sends it only after `elastic_internal(true)` on the request or the client."
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __stability_doc {
    (stable) => {
        "Stable."
    };
    (beta) => {
        "**Beta** in Elasticsearch: it may still change."
    };
    (experimental) => {
        "**Experimental** in Elasticsearch: it may change or be removed in any release."
    };
}

/// Declares an endpoint. See the module documentation of `security_core::macros`.
///
/// ```text
/// endpoint! {
///     /// Summary line.
///     pub struct PutUser {
///         name: "security.put_user",
///         doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-put-user.html",
///         // Optional, the first Elasticsearch version with the endpoint (none: every version).
///         since: "5.5.0",
///         // Optional: `beta` or `experimental` (none: stable).
///         stability: experimental,
///         // Optional: query parameters and body fields newer than the endpoint, with the first
///         // version that has them; a nested body field is a path (`global.data_source`,
///         // `role_descriptors.*.remote_cluster`: `*` is any key).
///         params_since: [refresh: "8.0.0", email: "8.1.0"],
///         // Optional: `public` or `private` on Elastic Cloud Serverless (none: not available
///         // there), from the specification's `@availability serverless … visibility=`.
///         serverless: public,
///         // Optional: query parameters and body fields that serverless projects do not take.
///         stack_only: [global, indices.allow_restricted_indices],
///         response: PutUserResponse,
///         routes: ["PUT|POST /_security/user/{username}"],
///         path: [/// doc
///                username: String],
///         opt_path: [],
///         query: [/// doc
///                 refresh: Refresh],
///         body: required PutUserBody {
///             args: [],
///             fields: [/// doc
///                      opt email: String, list roles: String],
///         },
///         // Optional: `repeatable: false` for endpoints that must not be sent twice
///         // (they create credentials); transports then never re-send them.
///         // Optional: an inherent `fn checked(&self) -> Result<RequestParts, Error>` that
///         // checks the request (refusing it before anything is sent) or adjusts the parts;
///         // it builds the declared parts with `self.__request_parts()`.
///         hook: checked,
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! endpoint {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            name: $api:literal,
            doc: $doc:literal,
            $(since: $since:literal,)?
            $(stability: $stab:ident,)?
            $(params_since: [$($psf:ident $(. $psr:tt)* : $psv:literal),* $(,)?],)?
            $(serverless: $sls:ident,)?
            $(stack_only: [$($sof:ident $(. $sor:tt)*),* $(,)?],)?
            response: $resp:ty,
            routes: [$($route:literal),+ $(,)?],
            path: [$($(#[$pm:meta])* $pf:ident: $pt:ty),* $(,)?],
            opt_path: [$($(#[$om:meta])* $of:ident: $ot:ty),* $(,)?],
            query: [$($(#[$qm:meta])* $qf:ident: $qt:ty),* $(,)?],
            body: none $(,)?
            $(repeatable: $rep:literal $(,)?)?
            $(hook: $hook:ident $(,)?)?
        }
    ) => {
        $crate::endpoint! { @gen
            [$(#[$meta])*] $name $api $doc ($resp) [$($route),+]
            [$($since)?] [$($stab)?] [$($(($psf $(. $psr)*) $psv),*)?]
            [$($sls)?] [$($(($sof $(. $sor)*)),*)?]
            [$([$(#[$pm])*] $pf: $pt),*]
            [$([$(#[$om])*] $of: $ot),*]
            [$([$(#[$qm])*] $qf: $qt),*]
            none (()) (()) [] [] [$($hook)?] [$($rep)?]
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            name: $api:literal,
            doc: $doc:literal,
            $(since: $since:literal,)?
            $(stability: $stab:ident,)?
            $(params_since: [$($psf:ident $(. $psr:tt)* : $psv:literal),* $(,)?],)?
            $(serverless: $sls:ident,)?
            $(stack_only: [$($sof:ident $(. $sor:tt)*),* $(,)?],)?
            response: $resp:ty,
            routes: [$($route:literal),+ $(,)?],
            path: [$($(#[$pm:meta])* $pf:ident: $pt:ty),* $(,)?],
            opt_path: [$($(#[$om:meta])* $of:ident: $ot:ty),* $(,)?],
            query: [$($(#[$qm:meta])* $qf:ident: $qt:ty),* $(,)?],
            body: required $bty:ty {
                args: [$($(#[$am:meta])* $af:ident: $at:ty),* $(,)?],
                fields: [$($(#[$fm:meta])* $fk:ident $ff:ident: $ft:ty),* $(,)?] $(,)?
            } $(,)?
            $(repeatable: $rep:literal $(,)?)?
            $(hook: $hook:ident $(,)?)?
        }
    ) => {
        $crate::endpoint! { @gen
            [$(#[$meta])*] $name $api $doc ($resp) [$($route),+]
            [$($since)?] [$($stab)?] [$($(($psf $(. $psr)*) $psv),*)?]
            [$($sls)?] [$($(($sof $(. $sor)*)),*)?]
            [$([$(#[$pm])*] $pf: $pt),*]
            [$([$(#[$om])*] $of: $ot),*]
            [$([$(#[$qm])*] $qf: $qt),*]
            required ($bty) ($bty) [$($af: $at),*] [$($fk [$(#[$fm])*] $ff: $ft),*] [$($hook)?] [$($rep)?]
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            name: $api:literal,
            doc: $doc:literal,
            $(since: $since:literal,)?
            $(stability: $stab:ident,)?
            $(params_since: [$($psf:ident $(. $psr:tt)* : $psv:literal),* $(,)?],)?
            $(serverless: $sls:ident,)?
            $(stack_only: [$($sof:ident $(. $sor:tt)*),* $(,)?],)?
            response: $resp:ty,
            routes: [$($route:literal),+ $(,)?],
            path: [$($(#[$pm:meta])* $pf:ident: $pt:ty),* $(,)?],
            opt_path: [$($(#[$om:meta])* $of:ident: $ot:ty),* $(,)?],
            query: [$($(#[$qm:meta])* $qf:ident: $qt:ty),* $(,)?],
            body: optional $bty:ty {
                args: [$($(#[$am:meta])* $af:ident: $at:ty),* $(,)?],
                fields: [$($(#[$fm:meta])* $fk:ident $ff:ident: $ft:ty),* $(,)?] $(,)?
            } $(,)?
            $(repeatable: $rep:literal $(,)?)?
            $(hook: $hook:ident $(,)?)?
        }
    ) => {
        $crate::endpoint! { @gen
            [$(#[$meta])*] $name $api $doc ($resp) [$($route),+]
            [$($since)?] [$($stab)?] [$($(($psf $(. $psr)*) $psv),*)?]
            [$($sls)?] [$($(($sof $(. $sor)*)),*)?]
            [$([$(#[$pm])*] $pf: $pt),*]
            [$([$(#[$om])*] $of: $ot),*]
            [$([$(#[$qm])*] $qf: $qt),*]
            optional ($bty) (::core::option::Option<$bty>) [$($af: $at),*] [$($fk [$(#[$fm])*] $ff: $ft),*] [$($hook)?] [$($rep)?]
        }
    };
    (@gen
        [$(#[$meta:meta])*] $name:ident $api:literal $doc:literal ($resp:ty) [$($route:literal),+]
        [$($since:literal)?] [$($stab:ident)?] [$(($psf:ident $(. $psr:tt)*) $psv:literal),*]
        [$($sls:ident)?] [$(($sof:ident $(. $sor:tt)*)),*]
        [$([$(#[$pm:meta])*] $pf:ident: $pt:ty),*]
        [$([$(#[$om:meta])*] $of:ident: $ot:ty),*]
        [$([$(#[$qm:meta])*] $qf:ident: $qt:ty),*]
        $kind:ident ($bty:ty) ($bfty:ty) [$($af:ident: $at:ty),*] [$($fk:ident [$(#[$fm:meta])*] $ff:ident: $ft:ty),*]
        [$($hook:ident)?] [$($rep:literal)?]
    ) => {
        $(#[$meta])*
        ///
        #[doc = concat!("Endpoint `", $api, "`: [reference](", $doc, ").")]
        $(
        ///
        #[doc = concat!("Needs Elasticsearch ", $since, " or newer.")]
        )?
        $(
        ///
        #[doc = $crate::__stability_doc!($stab)]
        )?
        ///
        #[doc = $crate::__serverless_doc!($($sls)?)]
        ///
        /// Build it with `new` (required parameters) and the setters (everything optional), then turn
        /// it into an `http::Request` with [`Endpoint::to_http_request`](crate::Endpoint::to_http_request)
        /// or, bound to a client, `.await` it.
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct $name<C = ()> {
            ctx: C,
            $($pf: $pt,)*
            $($of: ::core::option::Option<$ot>,)*
            $($qf: ::core::option::Option<$qt>,)*
            body: $bfty,
            raw_body: ::core::option::Option<$crate::RawBody>,
            common: $crate::CommonParams,
            options: $crate::RequestOptions,
        }

        impl $name<()> {
            /// A request with its required parameters.
            #[allow(clippy::new_without_default)]
            pub fn new($($pf: impl ::core::convert::Into<$pt>,)* $($af: impl ::core::convert::Into<$at>,)*) -> Self {
                $name {
                    ctx: (),
                    $($pf: $pf.into(),)*
                    $($of: ::core::option::Option::None,)*
                    $($qf: ::core::option::Option::None,)*
                    body: $crate::__body_init!($kind, $bty, [$($af: $at),*]),
                    raw_body: ::core::option::Option::None,
                    common: ::core::default::Default::default(),
                    options: ::core::default::Default::default(),
                }
            }
        }

        impl<C> $name<C> {
            /// Binds the request to a context (a client), keeping every parameter.
            #[doc(hidden)]
            pub fn with_ctx<D>(self, ctx: D) -> $name<D> {
                let $name { ctx: _, $($pf,)* $($of,)* $($qf,)* body, raw_body, common, options } = self;
                $name { ctx, $($pf,)* $($of,)* $($qf,)* body, raw_body, common, options }
            }

            /// Splits the request into its context and the plain request.
            #[doc(hidden)]
            pub fn split(self) -> (C, $name<()>) {
                let $name { ctx, $($pf,)* $($of,)* $($qf,)* body, raw_body, common, options } = self;
                (ctx, $name { ctx: (), $($pf,)* $($of,)* $($qf,)* body, raw_body, common, options })
            }

            /// Returns the raw answer (status, headers, body bytes) instead of the typed one.
            pub fn raw(self) -> $crate::Raw<C, $name<()>> {
                let (ctx, plain) = self.split();
                $crate::Raw::new(ctx, plain)
            }

            /// Returns the typed answer with its status and headers ([`Answer`](crate::Answer)),
            /// e.g. for the `Warning` headers of deprecations ([`Answer::warnings`](crate::Answer::warnings)).
            pub fn with_headers(self) -> $crate::WithHeaders<C, $name<()>> {
                let (ctx, plain) = self.split();
                $crate::WithHeaders::new(ctx, plain)
            }

            $(
                $(#[$om])*
                pub fn $of(mut self, value: impl ::core::convert::Into<$ot>) -> Self {
                    self.$of = ::core::option::Option::Some(value.into());
                    self
                }
            )*

            $(
                $(#[$qm])*
                pub fn $qf(mut self, value: impl ::core::convert::Into<$qt>) -> Self {
                    self.$qf = ::core::option::Option::Some(value.into());
                    self
                }
            )*

            $crate::__body_methods!($kind, $bty);

            $( $crate::__body_setter!($fk [$(#[$fm])*] $ff: $ft); )*

            /// `error_trace`: include the stack trace of errors.
            pub fn error_trace(mut self, value: bool) -> Self {
                self.common.error_trace = ::core::option::Option::Some(value);
                self
            }

            /// `filter_path`: filters in dot notation that reduce the response.
            ///
            /// For `.raw()` answers: a filtered answer usually lacks fields the typed response
            /// requires, so typed decoding of it may fail with [`Error::Decode`](crate::Error::Decode).
            /// Use `.filter_path(..).raw()` and read the JSON yourself.
            pub fn filter_path(mut self, value: impl ::core::convert::Into<$crate::Names>) -> Self {
                self.common.filter_path = ::core::option::Option::Some(value.into());
                self
            }

            /// `human`: human-readable values.
            pub fn human(mut self, value: bool) -> Self {
                self.common.human = ::core::option::Option::Some(value);
                self
            }

            /// `pretty`: pretty-printed JSON.
            pub fn pretty(mut self, value: bool) -> Self {
                self.common.pretty = ::core::option::Option::Some(value);
                self
            }

            /// Adds a header to this request.
            pub fn header(mut self, name: impl ::core::convert::Into<String>, value: impl ::core::convert::Into<String>) -> Self {
                self.options.headers.push((name.into(), value.into()));
                self
            }

            /// Sets `X-Opaque-Id`, to find this request in Elasticsearch's logs and tasks.
            pub fn opaque_id(mut self, value: impl ::core::convert::Into<String>) -> Self {
                self.options.opaque_id = ::core::option::Option::Some(value.into());
                self
            }

            /// Runs the request as another user (`es-security-runas-user`; needs `run_as` privileges).
            pub fn run_as(mut self, user: impl ::core::convert::Into<String>) -> Self {
                self.options.run_as = ::core::option::Option::Some(user.into());
                self
            }

            /// A timeout for this request, enforced by the transport (it travels as the
            /// [`RequestTimeout`](crate::RequestTimeout) extension of the `http::Request`). Not
            /// Elasticsearch's `timeout` query parameter, which endpoints that have one name `timeout`.
            pub fn request_timeout(mut self, timeout: ::core::time::Duration) -> Self {
                self.options.request_timeout = ::core::option::Option::Some(timeout);
                self
            }

            /// Authenticates this request with other credentials than the client's.
            pub fn credentials(mut self, credentials: $crate::Credentials) -> Self {
                self.options.credentials = ::core::option::Option::Some(credentials);
                self
            }

            /// **Elastic-internal.** On an Elastic Cloud Serverless target, sends this request even
            /// when its endpoint is private to Elastic (the specification's `visibility=private`:
            /// for Elastic's own products, may change without notice); without it such a call is
            /// refused before sending with [`Error::NotOnServerless`](crate::Error::NotOnServerless).
            /// No effect on the stack.
            pub fn elastic_internal(mut self, allow: bool) -> Self {
                self.options.elastic_internal = allow;
                self
            }

            /// Replaces all per-request options at once.
            pub fn options(mut self, options: $crate::RequestOptions) -> Self {
                self.options = options;
                self
            }
        }

        impl $name<()> {
            #[doc(hidden)]
            /// Method, path, query and body as declared, before the endpoint's hook (if any).
            pub fn __request_parts(&self) -> ::core::result::Result<$crate::RequestParts, $crate::Error> {
                let body = match &self.raw_body {
                    ::core::option::Option::Some(raw) => ::core::option::Option::Some($crate::encode_body($api, raw)?),
                    ::core::option::Option::None => $crate::__body_encode!($kind, $api, &self.body),
                };
                #[allow(unused_variables)]
                let (method, path) = $crate::render_route(Self::SPEC, body.is_some(), |name| match name {
                    $(stringify!($pf) => ::core::option::Option::Some($crate::PathParam::path_value(&self.$pf)),)*
                    $(stringify!($of) => self.$of.as_ref().map($crate::PathParam::path_value),)*
                    _ => ::core::option::Option::None,
                })?;
                #[allow(unused_mut)]
                let mut query = $crate::QueryWriter::new();
                $( query.push(stringify!($qf), self.$qf.as_ref()); )*
                self.common.write_query(&mut query);
                ::core::result::Result::Ok($crate::RequestParts { method, path, query: query.finish(), body })
            }
        }

        impl $crate::Endpoint for $name<()> {
            type Response = $resp;

            const SPEC: &'static $crate::EndpointSpec = &$crate::EndpointSpec {
                name: $api,
                routes: &[$($route),+],
                query: &[$(stringify!($qf)),*],
                body: $crate::__body_kind!($kind),
                doc_url: $doc,
                availability: $crate::Availability::new(
                    $crate::__since!($($since)?),
                    $crate::__stability!($($stab)?),
                    &[$($crate::ParamSince {
                        name: concat!(stringify!($psf) $(, ".", stringify!($psr))*),
                        since: $crate::Version::from_spec($psv),
                    }),*],
                ).on_serverless(
                    $crate::__serverless!($($sls)?),
                    &[$(concat!(stringify!($sof) $(, ".", stringify!($sor))*)),*],
                ),
                decode_check: $crate::decode_check::<$name<()>>,
                repeatable: $crate::__repeatable!($($rep)?),
            };

            fn request_parts(&self) -> ::core::result::Result<$crate::RequestParts, $crate::Error> {
                $crate::__parts_with_hook!(self $($hook)?)
            }

            fn options(&self) -> &$crate::RequestOptions {
                &self.options
            }

            fn decode(response: $crate::http::Response<Vec<u8>>) -> ::core::result::Result<$resp, $crate::Error> {
                $crate::decode_json($api, response)
            }
        }

        impl<C: $crate::Executor> ::core::future::IntoFuture for $name<C> {
            type Output = ::core::result::Result<$resp, $crate::Error>;
            type IntoFuture = C::Future<$resp>;

            fn into_future(self) -> Self::IntoFuture {
                let (ctx, plain) = self.split();
                ctx.execute(plain)
            }
        }
    };
}
