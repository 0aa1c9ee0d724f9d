//! Serialization helpers of the query DSL and the sort: queries and sorts keyed by a field name.

use serde::ser::SerializeMap;
use serde::Serialize;

/// Writes `key: value` into a map, skipping `None`.
pub(crate) trait Emit {
    fn emit<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error>;
}

impl<T: Serialize> Emit for Option<T> {
    fn emit<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        match self {
            Some(v) => map.serialize_entry(key, v),
            None => Ok(()),
        }
    }
}

macro_rules! fq_ty {
    (req, $t:ty) => { $t };
    (opt, $t:ty) => { Option<$t> };
}

macro_rules! fq_emit {
    (req, $map:ident, $v:expr, $k:literal) => {
        $map.serialize_entry($k, &$v)?
    };
    (opt, $map:ident, $v:expr, $k:literal) => {
        $crate::common::dsl::Emit::emit(&$v, $k, &mut $map)?
    };
}

/// Whether a parameter is left unset (a required one never is).
macro_rules! fq_unset {
    (req, $v:expr) => {
        false
    };
    (opt, $v:expr) => {
        $v.is_none()
    };
}

/// The value of the shortcut parameter, if set.
macro_rules! fq_value {
    (req, $v:expr) => {
        Some(&$v)
    };
    (opt, $v:expr) => {
        $v.as_ref()
    };
}

/// Declares a query (or a sort) keyed by field name: `{"<field>": {<params>}}`. Parameters are
/// `req` (always sent) or `opt` (an `Option`, sent when set).
///
/// With `shortcut: <kind> <param>`, the type also has a `shorthand` flag: when it is set and no
/// other parameter is, the short form `{"<field>": <param>}` is sent (`{"enabled": true}` for
/// `{"enabled": {"value": true}}`), as the specification's `@shortcut_property` allows.
macro_rules! field_query {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            shortcut: $sk:ident $sf:ident,
            $( $(#[$fm:meta])* $kind:ident $f:ident: $t:ty = $k:literal, )*
        }
    ) => {
        field_query! { @def [$(#[$meta])*] $name
            [
                /// Sends the short form `{"<field>": <value>}` when no other parameter is set.
                pub shorthand: bool,
            ]
            [$( [$(#[$fm])*] $kind $f: $t = $k, )*]
        }

        impl $name {
            /// Sends the short form `{"<field>": <value>}` (when no other parameter is set),
            /// as the documentation's examples often write it.
            pub fn shorthand(mut self) -> Self {
                self.shorthand = true;
                self
            }

            /// Whether only the shortcut parameter is set.
            fn __only_shortcut(&self) -> bool {
                true $( && (stringify!($f) == stringify!($sf) || fq_unset!($kind, self.$f)) )*
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                struct Params<'a>(&'a $name);
                impl ::serde::Serialize for Params<'_> {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        use ::serde::ser::SerializeMap as _;
                        let mut map = serializer.serialize_map(None)?;
                        $( fq_emit!($kind, map, self.0.$f, $k); )*
                        map.end()
                    }
                }
                let mut map = serializer.serialize_map(Some(1))?;
                match fq_value!($sk, self.$sf) {
                    Some(value) if self.shorthand && self.__only_shortcut() => {
                        map.serialize_entry(&self.field, value)?
                    }
                    _ => map.serialize_entry(&self.field, &Params(self))?,
                }
                map.end()
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fm:meta])* $kind:ident $f:ident: $t:ty = $k:literal, )*
        }
    ) => {
        field_query! { @def [$(#[$meta])*] $name [] [$( [$(#[$fm])*] $kind $f: $t = $k, )*] }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                struct Params<'a>(&'a $name);
                impl ::serde::Serialize for Params<'_> {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        use ::serde::ser::SerializeMap as _;
                        let mut map = serializer.serialize_map(None)?;
                        $( fq_emit!($kind, map, self.0.$f, $k); )*
                        map.end()
                    }
                }
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(&self.field, &Params(self))?;
                map.end()
            }
        }
    };
    (@def [$(#[$meta:meta])*] $name:ident [$($extra:tt)*]
        [$( [$(#[$fm:meta])*] $kind:ident $f:ident: $t:ty = $k:literal, )*]
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            /// The field to query.
            pub field: String,
            $( $(#[$fm])* pub $f: fq_ty!($kind, $t), )*
            $($extra)*
        }
    };
}
