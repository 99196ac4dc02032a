//! Helpers for the whole-program tests: run the binary, write applicant files, read PDFs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs `yoshiki` with `args` from the repository root.
pub(crate) fn yoshiki(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("yoshiki runs")
}

/// Runs `yoshiki render ARGS --out TMP` into a fresh folder, which it returns.
pub(crate) fn render(args: &[&str]) -> (Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.path().to_str().unwrap()]);
    let result = yoshiki(&all);
    (result, out)
}

/// Renders one form of `file` into a fresh folder.
pub(crate) fn render_form(file: &Path, form: &str) -> (Output, tempfile::TempDir) {
    render(&[file.to_str().unwrap(), "--form", form])
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The files in `dir`, sorted by name.
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text of a PDF, as a reader would copy it.
pub(crate) fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    pdf_extract::extract_text_from_mem(&bytes).expect("PDF text extracts")
}

/// The same text with every white space removed, for matching across line breaks and spacing.
pub(crate) fn pdf_text_compact(path: &Path) -> String {
    pdf_text(path)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The applicant file of the STS fixture with `replace` applied, written into `dir`.
pub(crate) fn variant(dir: &Path, name: &str, base: &str, edits: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(fixture(base)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture {base} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `text` with white space removed, as [`pdf_text_compact`] gives a PDF's text.
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A shared page of the product definition, when it is beside the repository (it is in CI).
/// CI always has it, so there a missing page is a failure, never a silent skip.
fn shared(path: &str) -> Option<String> {
    let text = std::fs::read_to_string(root().join("../shared").join(path)).ok();
    assert!(
        text.is_some() || std::env::var_os("CI").is_none(),
        "../shared/{path} is missing"
    );
    text
}

/// A form's fixed text is the spec's own wording: a typo in a template or a test fails here.
pub(crate) fn assert_in_spec(fixed: &str) {
    if let Some(spec) = shared("spec/forms.md") {
        assert!(
            compact(&spec).contains(&compact(fixed)),
            "{fixed:?} is not in spec/forms.md"
        );
    }
}

/// Verbatim text from a seed (the OCR of the official guide).
pub(crate) fn assert_in_seed(seed: &str, fixed: &str) {
    if let Some(text) = shared(&format!("seeds/{seed}")) {
        assert!(
            compact(&text).contains(&compact(fixed)),
            "{fixed:?} is not in seed {seed}"
        );
    }
}

/// The embedded templates and program definitions, built once for the whole test binary.
pub(crate) fn context() -> &'static yoshiki::Context {
    static CONTEXT: std::sync::LazyLock<yoshiki::Context> =
        std::sync::LazyLock::new(yoshiki::Context::embedded);
    &CONTEXT
}

/// One PDF per document, as `yoshiki render` writes them.
pub(crate) const PDF: yoshiki::Delivery = yoshiki::Delivery {
    format: yoshiki::Format::Pdf,
    packet: false,
    standard: None,
};

/// Runs the one render path in-process on `bytes` (named `file` in its diagnostics), for the
/// forms named (none: every form).
pub(crate) fn run_bytes(file: &Path, bytes: &[u8], forms: &[&str]) -> yoshiki::Outcome {
    let request = yoshiki::Request::pdfs(
        forms
            .iter()
            .map(|name| yoshiki::forms::find(name).expect("a form name"))
            .collect(),
    );
    yoshiki::render_applicant(context(), file, bytes, &request)
}

/// [`run_bytes`] on a fixture with `edits` applied (`(from, to)`, each from found once), named
/// `name` in its diagnostics.
pub(crate) fn run_variant(name: &str, base: &str, edits: &[(&str, &str)]) -> yoshiki::Outcome {
    let mut text = std::fs::read_to_string(fixture(base)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture {base} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    run_bytes(Path::new(name), text.as_bytes(), &[])
}

/// Every diagnostic of an outcome, one line each, as `render` prints them.
pub(crate) fn messages(outcome: &yoshiki::Outcome) -> String {
    outcome
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of a PDF in memory, white space removed.
pub(crate) fn pdf_bytes_text_compact(bytes: &[u8]) -> String {
    compact(&pdf_extract::extract_text_from_mem(bytes).expect("PDF text extracts"))
}

/// A line of text as laid out on a page: its runs on one baseline, side by side, joined.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    /// The page, from 1.
    pub page: usize,
    /// Left end and baseline, and right end, in points from the page's top left corner.
    pub x: f64,
    pub y: f64,
    pub right: f64,
    /// The smallest text size in the line, in points.
    pub size: f64,
    pub text: String,
}

/// What the pages of a form's documents in a fixture show: each document's lines of text and
/// the bounding boxes (min x, min y, max x, max y, in points) of its drawn curves (ellipses).
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub lines: Vec<Placed>,
    pub curves: Vec<(usize, [f64; 4])>,
}

/// The layout of every document of `form` made from the fixture `name`, in document order.
pub(crate) fn laid_out(name: &str, form: &str) -> Vec<Layout> {
    laid_out_file(&fixture(name), form)
}

/// The layout of every document of `form` made from the applicant file `file`.
pub(crate) fn laid_out_file(file: &Path, form: &str) -> Vec<Layout> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    use typst::visualize::Geometry;

    fn walk(frame: &Frame, ts: Transform, page: usize, runs: &mut Vec<Placed>, out: &mut Layout) {
        for (pos, item) in frame.items() {
            let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => walk(
                    &group.frame,
                    ts.pre_concat(group.transform),
                    page,
                    runs,
                    out,
                ),
                FrameItem::Text(text) => {
                    let width: f64 = text
                        .glyphs
                        .iter()
                        .map(|g| g.x_advance.at(text.size).to_pt())
                        .sum();
                    let at = Point::zero().transform(ts);
                    runs.push(Placed {
                        page,
                        x: at.x.to_pt(),
                        y: at.y.to_pt(),
                        right: at.x.to_pt() + width,
                        size: text.size.to_pt(),
                        text: text.text.to_string(),
                    });
                }
                FrameItem::Shape(shape, _) if matches!(shape.geometry, Geometry::Curve(_)) => {
                    let bbox = shape.bbox(false);
                    let (min, max) = (bbox.min.transform(ts), bbox.max.transform(ts));
                    out.curves.push((
                        page,
                        [min.x.to_pt(), min.y.to_pt(), max.x.to_pt(), max.y.to_pt()],
                    ));
                }
                _ => {}
            }
        }
    }

    let bytes = std::fs::read(file).unwrap();
    let prepared = yoshiki::prepare(context(), file, &bytes, &[]).expect("the file loads");
    prepared
        .documents
        .iter()
        .filter(|d| d.form.name == form)
        .map(|document| {
            let compiled = yoshiki::typeset::compile(
                &context().assets,
                document,
                yoshiki::typeset::Bookmark::None,
            )
            .expect("it typesets");
            let mut layout = Layout::default();
            let mut runs = Vec::new();
            for (k, page) in compiled.document.pages().iter().enumerate() {
                walk(
                    &page.frame,
                    Transform::identity(),
                    k + 1,
                    &mut runs,
                    &mut layout,
                );
            }
            // Runs on one baseline that touch are one line.
            runs.sort_by(|a, b| (a.page, a.y, a.x).partial_cmp(&(b.page, b.y, b.x)).unwrap());
            for run in runs {
                match layout.lines.last_mut() {
                    Some(line)
                        if line.page == run.page
                            && (line.y - run.y).abs() < 1.0
                            && run.x - line.right < 3.0
                            && run.x >= line.x =>
                    {
                        line.right = run.right;
                        line.size = line.size.min(run.size);
                        line.text.push_str(&run.text);
                    }
                    _ => layout.lines.push(run),
                }
            }
            layout
        })
        .collect()
}

/// How many lines of `layout` hold exactly `value` (white space ignored).
pub(crate) fn lines_holding(layout: &Layout, value: &str) -> usize {
    layout
        .lines
        .iter()
        .filter(|l| compact(&l.text) == compact(value))
        .count()
}

/// The first `n` characters of a long Japanese text, for values of an exact length.
pub(crate) fn characters(n: usize) -> String {
    "静岡県浜松市中区元城町一〇三番地の二静岡ビル六階研究開発本部"
        .chars()
        .take(n)
        .collect()
}

/// The fixture `base` with the applicant's name, address and representative's name (the
/// fixtures' 株式会社テックシード, 静岡県静岡市葵区追手町9番6号, 山田 太郎) replaced, and `edits`.
pub(crate) fn with_applicant(
    dir: &Path,
    base: &str,
    [name, address, representative_name]: [&str; 3],
    edits: &[(&str, &str)],
) -> PathBuf {
    let applicant = [
        (
            "name = \"株式会社テックシード\"",
            format!("name = \"{name}\""),
        ),
        (
            "address = \"静岡県静岡市葵区追手町9番6号\"",
            format!("address = \"{address}\""),
        ),
        (
            "representative_name = \"山田 太郎\"",
            format!("representative_name = \"{representative_name}\""),
        ),
    ];
    let all: Vec<(&str, &str)> = applicant
        .iter()
        .map(|(from, to)| (*from, to.as_str()))
        .chain(edits.iter().copied())
        .collect();
    variant(dir, "applicant.toml", base, &all)
}

/// The line of `layout` whose text starts with `start` (white space ignored).
pub(crate) fn line_starting<'a>(layout: &'a Layout, start: &str) -> &'a Placed {
    layout
        .lines
        .iter()
        .find(|l| compact(&l.text).starts_with(&compact(start)))
        .unwrap_or_else(|| panic!("no line starts with {start:?}: {:#?}", layout.lines))
}

/// The lines of `layout` on the baseline of `line` (its own included), left to right.
pub(crate) fn beside<'a>(layout: &'a Layout, line: &Placed) -> Vec<&'a Placed> {
    layout
        .lines
        .iter()
        .filter(|l| l.page == line.page && (l.y - line.y).abs() < 1.0)
        .collect()
}
