//! The usual slips of typing TOML on a Japanese keyboard, said in Japanese with the user's own
//! value corrected: digits grouped with commas, full-width digits, signs or `＝`, full-width
//! quotes, a number in quotes where a number belongs.

/// A slip in a line `key = value` that TOML could not parse: (message, the corrected line).
pub(super) fn in_line(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(['=', '＝'])?;
    let (key, value) = (key.trim(), value.trim());
    let value = value.split(" #").next().unwrap_or(value).trim();
    if line.contains('＝') && !line.contains('=') {
        let fixed = format!("{key} = {}", half_width(value));
        return Some((
            "全角の「＝」は使えません。半角の = で書いてください".to_owned(),
            fixed,
        ));
    }
    if value.starts_with(['“', '”', '＂', '「']) {
        let inner = value.trim_matches(['“', '”', '＂', '「', '」']);
        let fixed = format!("{key} = \"{inner}\"");
        return Some((
            "全角の引用符は使えません。文字列は半角の \" で囲んでください".to_owned(),
            fixed,
        ));
    }
    let half = half_width(value);
    if half != value && number(&half).is_some() {
        let fixed = format!("{key} = {}", number(&half)?);
        return Some((
            format!("全角の数字や記号（{value}）は使えません。半角で書いてください"),
            fixed,
        ));
    }
    if value.contains(',') && number(value).is_some() {
        let fixed = format!("{key} = {}", number(value)?);
        return Some((
            format!("数の区切りにカンマ（{value}）は使えません。3 桁ごとの区切りは _ です"),
            fixed,
        ));
    }
    None
}

/// A number written in quotes where a number belongs (`"5,000,000"`, `"５０"`).
pub(super) fn slip_in_quotes(text: &str) -> Option<(String, Option<String>)> {
    let written = number(&half_width(text.trim()))?;
    Some((
        format!("数が引用符で囲まれています（\"{text}\"）"),
        Some(format!("引用符を外して {written} と書いてください")),
    ))
}

/// The value as a TOML number, when it reads as one: digits with optional `,`/`_` grouping, a
/// sign, a decimal point. Integers come back grouped with `_` (`10_000_000`).
fn number(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('円');
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let plain: String = digits.chars().filter(|c| !matches!(c, ',' | '_')).collect();
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if plain.contains('.') {
        return Some(format!("\"{sign}{whole}.{fraction}\""));
    }
    Some(format!("{sign}{}", grouped(whole)))
}

/// `10000000` → `10_000_000`.
fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

/// Full-width digits, signs, comma and period as their ASCII forms.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | '－' | '＋' | '，' | '．' | '＿' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            'ー' | '−' => '-',
            '、' => ',',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_corrected_with_the_users_own_value() {
        let (message, fixed) = in_line("capital = 10,000,000").unwrap();
        assert!(message.contains("カンマ"), "{message}");
        assert_eq!(fixed, "capital = 10_000_000");
        let (message, fixed) = in_line("employees = ６").unwrap();
        assert!(message.contains("全角"), "{message}");
        assert_eq!(fixed, "employees = 6");
        let (_, fixed) = in_line("capital ＝ 5000000").unwrap();
        assert_eq!(fixed, "capital = 5000000");
        let (_, fixed) = in_line("name = “株式会社”").unwrap();
        assert_eq!(fixed, "name = \"株式会社\"");
        assert!(in_line("name = 株式会社").is_none());
    }

    #[test]
    fn quoted_numbers_are_recognised() {
        let (_, help) = slip_in_quotes("5,000,000").unwrap();
        assert_eq!(help.unwrap(), "引用符を外して 5_000_000 と書いてください");
        assert!(slip_in_quotes("５０").is_some());
        assert!(slip_in_quotes("1億円").is_none());
        assert!(slip_in_quotes("株式会社").is_none());
    }
}
