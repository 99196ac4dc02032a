//! The applicant's text as templates print it: a line split into the runs that must not be
//! broken, which the template joins with word joiners (`kept` in templates/style.typ).
//!
//! This is the rule of style.typ's `kept`, computed here instead of in Typst: Typst evaluates
//! its per-character loop for every value of every applicant (nothing is cached: the values
//! differ), which was 13% of the compile time of a 出資等に関する報告書. The same regular
//! expressions (Typst's `regex` is this crate) and the same grapheme clusters (Typst's
//! `clusters()`) give the same runs, and so the same pages (tests/pages.rs). style.typ keeps its
//! own `kept` for the forms' fixed text, which Typst caches across applicants.

use std::sync::LazyLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that may not start a line (JIS X 4051 行頭禁止): `no-start` in style.typ.
const NO_START: &str = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーヽヾゝゞ々〻・、。，．」』）】〕〉》］｝！？,.:;!?)]}%";
/// Characters that may not end a line: `no-end` in style.typ.
const NO_END: &str = "「『（【〔〈《［｛([{";

/// A run of kanji (up to a 第) or of katakana, kept whole up to `WORD_LENGTH` characters:
/// `word-rule` and `word-length` in style.typ.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Han}--第]{2,}|[\p{Katakana}ー]{2,}").expect("a valid rule"));
const WORD_LENGTH: usize = 5;
/// A character a paragraph's kept end extends over when it ends a word: `letter` in style.typ.
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Han}\p{Katakana}A-Za-z0-9０-９]$").expect("a valid rule"));

/// One line of free text as runs to be joined by word joiners: its end kept whole (its last four
/// characters and those that may not be parted from them), and its words of up to five kanji or
/// katakana.
pub(crate) fn kept(line: &str) -> Vec<String> {
    runs(line, true)
}

/// A value set in a box of fixed width: only its end kept (`fitted` in style.typ).
pub(crate) fn kept_end(line: &str) -> Vec<String> {
    runs(line, false)
}

/// A value in the middle of a sentence: only its words kept (`kept(…, end: false)` in
/// style.typ), as the sentence's text rules would keep them.
pub(crate) fn kept_words(line: &str) -> Vec<String> {
    let mut out = Runs::default();
    words(line, &mut out);
    out.finish()
}

fn runs(line: &str, with_words: bool) -> Vec<String> {
    let cs: Vec<&str> = line.graphemes(true).collect();
    let n = cs.len();
    if n == 0 {
        return vec![line.to_owned()];
    }
    let mut k = n.min(4);
    while k < n
        && (NO_START.contains(cs[n - k])
            || (k < 6 && LETTER.is_match(cs[n - k]) && LETTER.is_match(cs[n - k - 1])))
    {
        k += 1;
    }
    let head: String = cs[..n - k].concat();
    let mut out = Runs::default();
    if with_words {
        words(&head, &mut out);
    } else {
        out.text(&head);
    }
    out.joined(&cs[n - k..]);
    out.finish()
}

/// `text` onto `out`, its words of up to five kanji or katakana each one unbreakable run.
fn words(text: &str, out: &mut Runs) {
    let mut at = 0;
    for m in WORD.find_iter(text) {
        let word: Vec<&str> = m.as_str().graphemes(true).collect();
        if word.len() <= WORD_LENGTH {
            out.text(&text[at..m.start()]);
            out.joined(&word);
            at = m.end();
        }
    }
    out.text(&text[at..]);
}

/// Runs being built: text is appended to the last; a joiner starts a new one.
#[derive(Default)]
struct Runs {
    done: Vec<String>,
    last: String,
}

impl Runs {
    fn text(&mut self, text: &str) {
        self.last.push_str(text);
    }

    fn joiner(&mut self) {
        self.done.push(std::mem::take(&mut self.last));
    }

    /// Clusters as one unbreakable run: a joiner wherever a line could break between them
    /// (`joined` in style.typ; Latin text breaks only at its spaces and is left as it is).
    fn joined(&mut self, cs: &[&str]) {
        let Some((first, _)) = cs.split_first() else {
            return;
        };
        self.text(first);
        for pair in cs.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if !(NO_START.contains(b) || NO_END.contains(a) || (a.len() == 1 && b.len() == 1)) {
                self.joiner();
            }
            self.text(b);
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.done.push(self.last);
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows: the line, with `words`, and its runs joined by `|`: what style.typ's own `kept`
    /// gave for these lines with `joiner` set to "|" (rendered with Typst 0.15.1 and read back).
    const CASES: &[(&str, bool, &str)] = &[
        ("", true, ""),
        ("abc", true, "abc"),
        ("株式会社サンプル", false, "株式会|社|サ|ン|プ|ル"),
        ("事業化を目指す。", false, "事業化を目|指|す。"),
        ("充放電特性を評価する", true, "充|放|電|特|性を評|価|す|る"),
        (
            "燃料電池自動車用部品を作る",
            true,
            "燃料電池自動車用|部|品|を|作|る",
        ),
        ("第三十四号に基づく", true, "第三|十|四|号に|基|づ|く"),
        ("東京都千代田区1-2-3", false, "東京都千代田区1-2-3"),
        (
            "（以下「提案者」という）",
            true,
            "（以|下「提|案|者」と|い|う）",
        ),
        (
            "ヴィンテージ・カー部品を",
            true,
            "ヴィンテージ・カー|部|品|を",
        ),
        (
            "東京都千代田区丸の内1丁目1番1号 ABCビル 5F",
            false,
            "東京都千代田区丸の内1丁目1番1号 ABC|ビ|ル| 5F",
        ),
        ("ABC Ventures株式会社", false, "ABC Ventures|株|式|会|社"),
        ("取締役CTO 鈴木 一郎", false, "取締役CTO 鈴|木| |一|郎"),
        ("代表取締役 山田 太郎", false, "代表取締役 山|田| |太|郎"),
        ("ｶﾀｶﾅ半角テスト。", true, "ｶ|ﾀ|ｶ|ﾅ半|角|テ|ス|ト。"),
        (
            "令和6年3月までに試作センサー10台を県内3工場に設置し、軸受劣化の検知率90%以上を確認する。",
            true,
            "令|和6年3月までに試|作セ|ン|サー10台を県|内3工|場に設|置し、軸|受|劣|化の検|知|率90%以|上を確|認|す|る。",
        ),
        (
            "「外注加工費」と「委託費」のどちらに計上すべきでしょうか。",
            true,
            "「外|注|加|工|費」と「委|託|費」のどちらに計|上すべきでしょ|う|か。",
        ),
        ("a", true, "a"),
        ("漢字", true, "漢|字"),
        ("ー", true, "ー"),
        ("東京（本社）", true, "東|京（本|社）"),
        ("100万円（税込）", true, "100万|円（税|込）"),
        ("e\u{301}tude", true, "e\u{301}tude"),
        ("約3週間前", true, "約|3|週|間|前"),
    ];

    /// A value in the middle of a sentence: its words kept, its end left breakable.
    #[test]
    fn kept_words_keeps_words_only() {
        for (line, expected) in [
            ("", ""),
            ("株式会社テックシード", "株|式|会|社テックシード"),
            ("共同開発", "共|同|開|発"),
            ("共同研究開発", "共同研究開発"),
            ("センサーの共同開発と量産", "セ|ン|サーの共|同|開|発と量|産"),
            ("ABC Ventures", "ABC Ventures"),
        ] {
            assert_eq!(kept_words(line).join("|"), expected, "{line:?}");
        }
    }

    /// The rule's characters and patterns are style.typ's, so that the two cannot drift.
    #[test]
    fn the_rule_is_the_one_in_style_typ() {
        let style = include_str!("../../templates/style.typ");
        for line in [
            format!("#let no-start = \"{NO_START}\""),
            format!("#let no-end = \"{NO_END}\""),
            format!("#let word-length = {WORD_LENGTH}"),
            format!(
                "#let word-rule = regex(\"{}\")",
                WORD.as_str().replace('\\', "\\\\")
            ),
            format!(
                "#let letter = regex(\"{}\")",
                LETTER.as_str().replace('\\', "\\\\")
            ),
        ] {
            assert!(
                style.lines().any(|l| l == line),
                "style.typ has no line {line}"
            );
        }
    }

    #[test]
    fn runs_follow_the_rule_of_style_typ() {
        for (line, words, expected) in CASES {
            assert_eq!(
                runs(line, *words).join("|"),
                *expected,
                "{line:?}, words: {words}"
            );
        }
    }
}
