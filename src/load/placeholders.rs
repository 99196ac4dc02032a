//! Starter files (`yoshiki init`) hold placeholders `'【記入】例: …'`. A placeholder left as it
//! is, or half edited, must never load as data: every one is listed with its key and line.

use super::spans::SpanMap;
use super::validate::Problem;
use crate::starter::PLACEHOLDER;

/// Every value still holding a placeholder or a trace of one.
pub(super) fn unfinished(spans: &SpanMap, source: &str) -> Vec<Problem> {
    spans
        .strings()
        .iter()
        .filter_map(|(key, text)| {
            let span = spans.locate(key);
            let raw = span
                .as_ref()
                .and_then(|s| source.get(s.clone()))
                .unwrap_or("");
            let (message, help) = unfinished_value(text, raw)?;
            Some(Problem {
                span,
                key: key.clone(),
                message: message.to_owned(),
                help: Some(help),
            })
        })
        .collect()
}

/// What is unfinished about one value (`text` as parsed, `raw` as written).
fn unfinished_value(text: &str, raw: &str) -> Option<(&'static str, String)> {
    if text.starts_with(PLACEHOLDER) {
        return Some((
            "まだ記入されていません",
            format!("{text} を実際の値に書き換えてください"),
        ));
    }
    if text.contains(PLACEHOLDER) || text.trim_start().starts_with("例:") {
        return Some((
            "書き換えが途中です（雛形の「【記入】」「例:」が残っています）",
            "例の値だけを残し、「【記入】例: 」を消してください".to_owned(),
        ));
    }
    let literal = raw.starts_with('\'');
    let inner = text.trim();
    if literal && inner.len() >= 2 && inner.starts_with('"') && inner.ends_with('"') {
        return Some((
            "書き換えが途中です（値が引用符ごと文字列になっています）",
            format!("外側の ' … ' を消して {inner} と書いてください"),
        ));
    }
    if literal && text.contains("\\n") {
        return Some((
            "改行のつもりの \\n が文字のまま入っています（' … ' の中では改行になりません）",
            "複数行の文は \"\"\" … \"\"\" で囲み、実際に改行して書いてください".to_owned(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_half_edits_are_caught_and_real_values_are_not() {
        assert!(
            unfinished_value("【記入】例: \"株式会社\"", "'【記入】例: \"株式会社\"'").is_some()
        );
        assert!(unfinished_value("例: \"株式会社\"", "'例: \"株式会社\"'").is_some());
        let (message, help) =
            unfinished_value("\"株式会社テックシード\"", "'\"株式会社テックシード\"'").unwrap();
        assert!(message.contains("引用符ごと"), "{message}");
        assert_eq!(
            help,
            "外側の ' … ' を消して \"株式会社テックシード\" と書いてください"
        );
        assert!(unfinished_value("一行目\\n二行目", "'一行目\\n二行目'").is_some());
        assert!(unfinished_value("株式会社テックシード", "\"株式会社テックシード\"").is_none());
        assert!(unfinished_value("\"引用\"です", "'\"引用\"です'").is_none());
    }
}
