//! Percent-encoding of path segments and query values, as the official clients do it.
//!
//! Only `A-Z a-z 0-9 _ . - ~ , *` stay literal; every other byte of the UTF-8 form is written as
//! `%XX` with uppercase hex. Lists are the escaped items joined by `,`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use std::fmt::Write as _;

/// The bytes that are *not* escaped: everything but `A-Z a-z 0-9 _ . - ~ , *`.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b',')
    .remove(b'*');

/// Appends `value` percent-encoded to `out`.
///
/// A value that is exactly `.` or `..` is written as `%2E` / `%2E%2E` (this keeps query values
/// exact; as a whole path segment it is refused when a request is built, because URL parsers
/// remove dot segments even when escaped).
pub fn push_encoded(out: &mut String, value: &str) {
    match value {
        "." => out.push_str("%2E"),
        ".." => out.push_str("%2E%2E"),
        _ => out.extend(percent_encoding::utf8_percent_encode(value, ESCAPED)),
    }
}

/// Percent-encodes one path segment or query value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_encoded(&mut out, value);
    out
}

pub use security_types::common::Names;

/// The value of a path parameter, borrowed from a request.
#[derive(Clone, Copy, Debug)]
pub enum PathValue<'a> {
    /// A single segment.
    One(&'a str),
    /// A comma-separated list.
    Many(&'a [String]),
}

impl PathValue<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            PathValue::One(s) => s.is_empty(),
            PathValue::Many(items) => items.is_empty() || items.iter().any(String::is_empty),
        }
    }

    /// Whether the rendered segment would be `.` or `..`: URL parsers (browsers, the `url`
    /// crate) treat those, escaped or not, as relative steps and remove them.
    pub(crate) fn is_dot_segment(&self) -> bool {
        let whole = match self {
            PathValue::One(s) => *s,
            PathValue::Many([only]) => only.as_str(),
            PathValue::Many(_) => return false,
        };
        whole == "." || whole == ".."
    }

    pub(crate) fn write(&self, out: &mut String) {
        match self {
            PathValue::One(s) => push_encoded(out, s),
            PathValue::Many(items) => push_list(out, items),
        }
    }
}

fn push_list(out: &mut String, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_encoded(out, item);
    }
}

/// A type usable as a path parameter.
pub trait PathParam {
    /// The value to render into the path.
    fn path_value(&self) -> PathValue<'_>;
}

impl PathParam for String {
    fn path_value(&self) -> PathValue<'_> {
        PathValue::One(self)
    }
}

impl PathParam for Names {
    fn path_value(&self) -> PathValue<'_> {
        PathValue::Many(self.as_slice())
    }
}

/// A type usable as a query parameter value.
pub trait QueryValue {
    /// Appends the encoded value to `out`.
    fn write_query(&self, out: &mut String);
}

impl QueryValue for bool {
    fn write_query(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl QueryValue for String {
    fn write_query(&self, out: &mut String) {
        push_encoded(out, self);
    }
}

impl QueryValue for Names {
    fn write_query(&self, out: &mut String) {
        push_list(out, self.as_slice());
    }
}

impl QueryValue for security_types::common::Refresh {
    fn write_query(&self, out: &mut String) {
        push_encoded(out, self.as_str());
    }
}

macro_rules! query_int {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn write_query(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
query_int!(i32, i64, u32, u64, usize);

/// Builds a query string: `name=value` pairs joined by `&`, in the order they are pushed.
#[derive(Clone, Debug, Default)]
pub struct QueryWriter {
    buf: String,
}

impl QueryWriter {
    /// An empty query.
    pub fn new() -> Self {
        QueryWriter::default()
    }

    /// Appends `name=value` when `value` is set.
    pub fn push<V: QueryValue + ?Sized>(&mut self, name: &str, value: Option<&V>) {
        if let Some(value) = value {
            self.buf.push(if self.buf.is_empty() { '?' } else { '&' });
            push_encoded(&mut self.buf, name);
            self.buf.push('=');
            value.write_query(&mut self.buf);
        }
    }

    /// The query string, with its leading `?` (empty when no parameter was pushed).
    pub fn finish(self) -> String {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_official_clients() {
        assert_eq!(encode("a b/c%d?e#f"), "a%20b%2Fc%25d%3Fe%23f");
        assert_eq!(encode("AZaz09_.-~,*"), "AZaz09_.-~,*");
        assert_eq!(encode("é"), "%C3%A9");
        assert_eq!(encode("+&=:@"), "%2B%26%3D%3A%40");
        assert_eq!(encode("."), "%2E");
        assert_eq!(encode(".."), "%2E%2E");
        assert_eq!(encode("..."), "...");
    }

    #[test]
    fn lists_join_escaped_items() {
        let mut out = String::new();
        PathValue::Many(&["a b".to_owned(), "c/d".to_owned()]).write(&mut out);
        assert_eq!(out, "a%20b,c%2Fd");
    }

    #[test]
    fn query_writer_orders_and_skips_unset() {
        let mut q = QueryWriter::new();
        q.push("refresh", Some(&security_types::common::Refresh::WaitFor));
        q.push::<bool>("human", None);
        q.push("filter_path", Some(&Names::from(["a.b", "c d"])));
        q.push("size", Some(&10u32));
        assert_eq!(
            q.finish(),
            "?refresh=wait_for&filter_path=a.b,c%20d&size=10"
        );
    }
}
