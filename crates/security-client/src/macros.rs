//! `methods!`: one client method per endpoint, from a one-line declaration.

/// Declares client methods: `name(required args) -> security_core::group::Request;`.
///
/// The methods of one invocation form one `impl` block, labelled on the client's page with the
/// group (the module of the first request type); each method's doc links to its request type,
/// as re-exported by the group module of this crate.
macro_rules! methods {
    (
        $(#[$m0:meta])*
        $method0:ident($($arg0:ident: $aty0:ty),* $(,)?) -> $krate0:ident :: $group0:ident :: $ep0:ident;
        $($rest:tt)*
    ) => {
        methods! { @impl $group0 [
            $(#[$m0])*
            $method0($($arg0: $aty0),*) -> $krate0::$group0::$ep0;
            $($rest)*
        ] }
    };
    (@impl $label:ident [$(
        $(#[$m:meta])*
        $method:ident($($arg:ident: $aty:ty),* $(,)?) -> $krate:ident :: $group:ident :: $ep:ident;
    )*]) => {
        #[doc = concat!(
            "### The `", stringify!($label), "` endpoints\n\n",
            "Request types, data types and more of this group are in [`",
            stringify!($label), "`](crate::", stringify!($label), ").",
            feature_note!($label)
        )]
        impl<T> $crate::SecurityClient<T> {
            $(
                $(#[$m])*
                ///
                #[doc = concat!(
                    "Returns the request [`", stringify!($ep), "`](crate::", stringify!($group), "::",
                    stringify!($ep), "): set optional parameters on it, then `.await` it."
                )]
                pub fn $method(&self, $($arg: impl ::core::convert::Into<$aty>),*) -> $krate::$group::$ep<Self> {
                    $krate::$group::$ep::new($($arg),*).with_ctx(::core::clone::Clone::clone(self))
                }
            )*
        }
    };
}

/// The sentence naming the cargo feature of a group, for the label of its methods on the
/// client's page (rustdoc shows no feature on `impl` blocks). The core groups have none.
macro_rules! feature_note {
    (api_keys) => {
        " Needs the cargo feature `api-keys` (on by default)."
    };
    (service_accounts) => {
        " Needs the cargo feature `service-accounts` (on by default)."
    };
    (profiles) => {
        " Needs the cargo feature `profiles` (on by default)."
    };
    (saml) => {
        " Needs the cargo feature `saml` (on by default)."
    };
    (oidc) => {
        " Needs the cargo feature `oidc` (on by default)."
    };
    ($core_group:ident) => {
        ""
    };
}
