//! Small text helpers: comma lists from form fields, dates and durations for people.

/// The items of a list typed into a form field: separated by commas, spaces or new lines,
/// trimmed, empty ones dropped, duplicates dropped (the first one kept).
///
/// ```
/// assert_eq!(web_demo::text::split_list(" read, view_index_metadata,,read\nmonitor"),
///            ["read", "view_index_metadata", "monitor"]);
/// ```
pub fn split_list(input: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in input.split(|c: char| c == ',' || c.is_whitespace()) {
        if !item.is_empty() && !items.iter().any(|seen| seen == item) {
            items.push(item.to_owned());
        }
    }
    items
}

/// A time in milliseconds since the Unix epoch as `YYYY-MM-DD HH:MM UTC`.
///
/// ```
/// assert_eq!(web_demo::text::format_utc(1_700_000_000_000), "2023-11-14 22:13 UTC");
/// ```
pub fn format_utc(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        of_day / 3600,
        (of_day % 3600) / 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// How far `millis` is from `now` (both in milliseconds since the epoch), rounded to the
/// nearest whole unit: `in 3 h`, `5 min ago`, `in 7 days`, `just now`.
///
/// ```
/// assert_eq!(web_demo::text::relative(60 * 60_000, 0), "in 1 h");
/// assert_eq!(web_demo::text::relative(0, 2 * 86_400_000), "2 days ago");
/// ```
pub fn relative(millis: i64, now: i64) -> String {
    let delta = millis.saturating_sub(now);
    let secs = delta.unsigned_abs() / 1000;
    if secs < 45 {
        return "just now".to_owned();
    }
    let minutes = (secs + 30) / 60;
    let hours = (secs + 1800) / 3600;
    let days = (secs + 43_200) / 86_400;
    let amount = if minutes < 60 {
        format!("{} min", minutes.max(1))
    } else if hours < 24 {
        format!("{hours} h")
    } else if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    };
    if delta > 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// JSON as people read it: indented by two spaces like `to_string_pretty`, but arrays of
/// plain values stay on one line (`"privileges": ["read", "write"]`).
///
/// ```
/// let v = serde_json::json!({"names": ["logs-*"], "query": {"match_all": {}}});
/// assert_eq!(web_demo::text::pretty_json(&v),
///            "{\n  \"names\": [\"logs-*\"],\n  \"query\": {\n    \"match_all\": {}\n  }\n}");
/// ```
pub fn pretty_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_json(&mut out, value, 0);
    out
}

fn write_json(out: &mut String, value: &serde_json::Value, depth: usize) {
    use serde_json::Value;
    let scalar = |v: &Value| !matches!(v, Value::Array(_) | Value::Object(_));
    match value {
        Value::Array(items) if items.iter().all(scalar) => {
            let items: Vec<String> = items.iter().map(Value::to_string).collect();
            out.push('[');
            out.push_str(&items.join(", "));
            out.push(']');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write_json(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push_str(": ");
                write_json(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// `n` followed by `one` or `many`: `1 key`, `3 keys`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_commas_spaces_and_lines() {
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(split_list(" , \n "), Vec::<String>::new());
        assert_eq!(split_list("logs-*,metrics-*"), ["logs-*", "metrics-*"]);
        assert_eq!(split_list("a b\tc\r\nd, a"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn utc_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        // A leap day, and the last minute of a year.
        assert_eq!(format_utc(951_782_400_000), "2000-02-29 00:00 UTC");
        assert_eq!(format_utc(1_735_689_599_000), "2024-12-31 23:59 UTC");
        // Before the epoch.
        assert_eq!(format_utc(-60_000), "1969-12-31 23:59 UTC");
    }

    #[test]
    fn relative_times() {
        let now = 1_000_000_000_000;
        assert_eq!(relative(now + 10_000, now), "just now");
        assert_eq!(relative(now - 10_000, now), "just now");
        assert_eq!(relative(now + 60_000, now), "in 1 min");
        assert_eq!(relative(now - 59 * 60_000, now), "59 min ago");
        assert_eq!(relative(now + 3_600_000, now), "in 1 h");
        assert_eq!(relative(now + 86_400_000, now), "in 1 day");
        assert_eq!(relative(now + 30 * 86_400_000, now), "in 30 days");
        assert_eq!(relative(now - 3 * 86_400_000, now), "3 days ago");
        // Rounded, not cut: a 7-day key a moment after its creation, 59.5 minutes, 23.6 hours.
        assert_eq!(relative(now + 7 * 86_400_000 - 2_000, now), "in 7 days");
        assert_eq!(relative(now + 3_570_000, now), "in 1 h");
        assert_eq!(relative(now + 84_960_000, now), "in 1 day");
        assert_eq!(relative(now + 90 * 60_000, now), "in 2 h");
    }

    #[test]
    fn json_for_people() {
        let v = serde_json::json!({
            "a": [], "b": [1, "two", null, true], "c": [{"x": 1}, [2]], "d": {}, "e": "q\"uote"
        });
        assert_eq!(
            pretty_json(&v),
            "{\n  \"a\": [],\n  \"b\": [1, \"two\", null, true],\n  \"c\": [\n    {\n      \"x\": 1\n    },\n    [2]\n  ],\n  \"d\": {},\n  \"e\": \"q\\\"uote\"\n}"
        );
        assert_eq!(pretty_json(&serde_json::json!("s")), "\"s\"");
        // Whatever the layout, it is the same JSON.
        let back: serde_json::Value = serde_json::from_str(&pretty_json(&v)).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "key", "keys"), "1 key");
        assert_eq!(plural(0, "key", "keys"), "0 keys");
        assert_eq!(plural(12, "key", "keys"), "12 keys");
    }
}
