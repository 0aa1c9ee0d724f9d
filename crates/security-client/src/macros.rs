//! `methods!`: one client method per endpoint, from a one-line declaration.

/// Declares client methods: `name(required args) -> path::To::Request;`.
macro_rules! methods {
    ($(
        $(#[$m:meta])*
        $method:ident($($arg:ident: $aty:ty),* $(,)?) -> $($ep:ident)::+;
    )*) => {
        impl<T> $crate::SecurityClient<T> {
            $(
                $(#[$m])*
                ///
                #[doc = concat!("Returns the request [`", stringify!($($ep)::+), "`]: set optional parameters on it, then `.await` it.")]
                pub fn $method(&self, $($arg: impl ::core::convert::Into<$aty>),*) -> $($ep)::+<Self> {
                    $($ep)::+::new($($arg),*).with_ctx(::core::clone::Clone::clone(self))
                }
            )*
        }
    };
}
