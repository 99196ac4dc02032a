//! Every page of every fixture, pinned by a reference image: each document is typeset, its
//! pages are rendered to PNG at 72 ppi and compared with `tests/pages/<fixture>/<form>-<n>_p<k>.png`.
//!
//! A page that moves by a pixel fails here, with a diff image (changed pixels in red over the
//! faded reference) and the new rendering under `target/tmp/page-diffs/`. After a deliberate
//! change, regenerate the references and commit them with the change:
//!
//! ```sh
//! YOSHIKI_BLESS=1 cargo test --test pages
//! ```

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Resolution of the references: A4 is 595 × 842 pixels.
const PPI: f32 = 72.0;

/// A pixel differs when one of its channels differs by more than this (anti-aliasing noise).
const CHANNEL_TOLERANCE: u8 = 16;

/// A page differs when more pixels than this differ: a moved glyph changes dozens.
const PIXEL_TOLERANCE: usize = 4;

fn references() -> PathBuf {
    root().join("tests/pages")
}

fn diffs() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("page-diffs")
}

fn blessing() -> bool {
    std::env::var_os("YOSHIKI_BLESS").is_some()
}

/// The pages of every document of a fixture, as (reference name, PNG bytes).
fn rendered_pages(fixture_name: &str) -> Vec<(String, Vec<u8>)> {
    let file = fixture(fixture_name);
    let bytes = std::fs::read(&file).unwrap();
    let context = yoshiki::Context::embedded();
    let prepared = yoshiki::prepare(&context, &file, &bytes, &[]).expect("the fixture loads");
    assert!(
        !prepared.has_errors(),
        "{fixture_name}: {:?}",
        prepared.diagnostics
    );
    let mut pages = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for document in &prepared.documents {
        seen.push(document.form.name);
        let n = seen.iter().filter(|f| **f == document.form.name).count();
        let compiled =
            yoshiki::typeset::compile(&context.assets, document, yoshiki::typeset::Bookmark::None)
                .unwrap_or_else(|e| panic!("{fixture_name}: {e:?}"));
        let options = typst_render::RenderOptions {
            pixel_per_pt: (f64::from(PPI) / 72.0).into(),
            render_bleed: false,
        };
        let all = compiled.document.pages();
        for k in pinned(fixture_name, document.form, all.len()) {
            let png = typst_render::render(&all[k], &options)
                .encode_png()
                .unwrap();
            pages.push((format!("{}-{n}_p{}.png", document.form.name, k + 1), png));
        }
    }
    pages
}

/// The pages a document's references pin (from 0): every page, but of the at-limits fixture's
/// forms that grow pages, whose dozens of pages are the same text flowing on, the first and the
/// last (where the form's fixed parts are: its head, and its end with the signer's block).
fn pinned(fixture_name: &str, form: &yoshiki::forms::Form, pages: usize) -> Vec<usize> {
    if fixture_name == "at-limits.toml" && form.layout == yoshiki::forms::Layout::Grows && pages > 2
    {
        vec![0, pages - 1]
    } else {
        (0..pages).collect()
    }
}

/// RGBA pixels and size of a PNG.
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buffer,
        png::ColorType::GrayscaleAlpha => buffer
            .chunks(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}

/// A reference as stored: 8-bit grey (the forms print black on white), a fraction of the size of
/// the RGBA page; the comparison reads it back as RGBA.
fn grey(png: &[u8]) -> Vec<u8> {
    let (width, height, rgba) = decode(png);
    let luma: Vec<u8> = rgba
        .chunks(4)
        .map(|p| {
            ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&luma)
        .unwrap();
    out
}

fn encode(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(rgba)
        .unwrap();
    out
}

/// How many pixels differ, and the diff image: changed pixels red, the rest the faded reference.
fn compare(reference: &[u8], actual: &[u8]) -> Result<(), (String, Option<Vec<u8>>)> {
    let (rw, rh, expected) = decode(reference);
    let (aw, ah, got) = decode(actual);
    if (rw, rh) != (aw, ah) {
        return Err((format!("size {aw}×{ah}, reference {rw}×{rh}"), None));
    }
    let mut image = Vec::with_capacity(expected.len());
    let mut differing = 0;
    for (e, a) in expected.chunks(4).zip(got.chunks(4)) {
        if e.iter()
            .zip(a)
            .any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE)
        {
            differing += 1;
            image.extend_from_slice(&[255, 0, 0, 255]);
        } else {
            let faded = 255 - (255 - e[0]) / 4;
            image.extend_from_slice(&[faded, faded, faded, 255]);
        }
    }
    if differing > PIXEL_TOLERANCE {
        Err((
            format!("{differing} pixels differ"),
            Some(encode(rw, rh, &image)),
        ))
    } else {
        Ok(())
    }
}

/// Compares (or, when blessing, writes) every page of a fixture; fails listing every changed page.
fn pages_match(fixture_name: &str) {
    let stem = fixture_name.trim_end_matches(".toml");
    let folder = references().join(stem);
    let pages = rendered_pages(fixture_name);
    // Diffs of an earlier run would mislead: only this run's stay.
    let _ = std::fs::remove_dir_all(diffs().join(stem));
    if blessing() {
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        for (name, png) in &pages {
            std::fs::write(folder.join(name), grey(png)).unwrap();
        }
        return;
    }
    let mut problems = Vec::new();
    for (name, png) in &pages {
        let path = folder.join(name);
        let result = match std::fs::read(&path) {
            Ok(reference) => compare(&reference, png),
            Err(_) => Err(("no reference image".to_owned(), None)),
        };
        if let Err((what, diff)) = result {
            let out = diffs().join(stem);
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join(name), png).unwrap();
            if let Some(diff) = diff {
                std::fs::write(out.join(name.replace(".png", ".diff.png")), diff).unwrap();
            }
            problems.push(format!("{}: {what}", rel(&path)));
        }
    }
    // A reference no page has any more is a page that disappeared.
    for name in files_in(&folder) {
        if !pages.iter().any(|(n, _)| *n == name) {
            problems.push(format!(
                "{}: no such page any more",
                rel(&folder.join(name))
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "pages differ from their references (new renderings and diffs in {}):\n{}\n\
         If the change is intended: YOSHIKI_BLESS=1 cargo test --test pages",
        diffs().join(stem).display(),
        problems.join("\n")
    );
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn complete() {
    pages_match("complete.toml");
}

#[test]
fn nedo_supporting() {
    pages_match("nedo-supporting.toml");
}

#[test]
fn shizuoka_package() {
    pages_match("shizuoka-package.toml");
}

#[test]
fn sts_two_investors() {
    pages_match("sts-two-investors.toml");
}

#[test]
fn pca_loan_and_investment() {
    pages_match("pca-loan-and-investment.toml");
}

#[test]
fn at_limits() {
    pages_match("at-limits.toml");
}

const FIXTURES: &[&str] = &[
    "complete.toml",
    "nedo-supporting.toml",
    "shizuoka-package.toml",
    "sts-two-investors.toml",
    "pca-loan-and-investment.toml",
    "at-limits.toml",
];

/// Every document of every fixture, laid out once for the tests below: (fixture, form, layout).
fn layouts() -> &'static [(&'static str, &'static str, Layout)] {
    static LAYOUTS: std::sync::LazyLock<Vec<(&str, &str, Layout)>> =
        std::sync::LazyLock::new(|| {
            FIXTURES
                .iter()
                .flat_map(|name| {
                    yoshiki::forms::FORMS.iter().flat_map(move |form| {
                        laid_out(name, form.name)
                            .into_iter()
                            .map(move |layout| (*name, form.name, layout))
                    })
                })
                .collect()
        });
    &LAYOUTS
}

/// Notes and small print stay readable: no text under 8 pt on any page (but the subscript 2 of
/// CO₂, a run of its own below the line).
#[test]
fn no_text_is_smaller_than_8_pt() {
    for (fixture, form, layout) in layouts() {
        for line in layout.lines.iter().filter(|l| l.text != "2") {
            assert!(
                line.size >= 8.0,
                "{fixture} {form} p{}: {:.1} pt: {}",
                line.page,
                line.size,
                line.text
            );
        }
    }
}

/// Nothing runs past the right margin (22 mm): no value too wide for its box, however long. (A
/// justified line's last advance may carry a little of its spacing: a quarter em is allowed.)
#[test]
fn no_text_runs_past_the_margin() {
    let margin = 595.28 - 22.0 * 72.0 / 25.4;
    for (fixture, form, layout) in layouts() {
        for line in &layout.lines {
            assert!(
                line.right <= margin + line.size / 4.0,
                "{fixture} {form} p{}: {:.1} pt past the margin: {}",
                line.page,
                line.right - margin,
                line.text
            );
        }
    }
}

/// No paragraph of running text ends in a line of three characters or fewer below a full line
/// (「ありま／せん。」), and no ordinal is split (「第9条第1項第／三十四号」). A line of running
/// text has 24 characters or more: a name wrapping in a narrow cell is not a paragraph.
#[test]
fn no_short_last_line_and_no_split_ordinal() {
    let ordinal_start = |text: &str| {
        text.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十百千".contains(c))
    };
    for (fixture, form, layout) in layouts() {
        let lines = &layout.lines;
        for (i, line) in lines.iter().enumerate() {
            let place = format!("{fixture} {form} p{}", line.page);
            // The line above, in the same column: a full line of running text.
            let above = lines[..i].iter().rev().find(|p| {
                p.page == line.page
                    && line.y - p.y > 0.8 * line.size
                    && line.y - p.y < 2.2 * line.size
                    && p.x <= line.x + 12.0
                    && p.right > line.right + 40.0
            });
            let alone = !lines
                .iter()
                .any(|o| o.page == line.page && (o.y - line.y).abs() < 2.5 && o.x != line.x);
            if let Some(above) = above {
                let short = compact(&line.text).chars().count() <= 3;
                assert!(
                    !(short && alone && compact(&above.text).chars().count() >= 24),
                    "{place}: a last line of {:?} under {:?}",
                    line.text,
                    above.text
                );
                assert!(
                    !(above.text.trim_end().ends_with('第') && ordinal_start(&line.text)),
                    "{place}: an ordinal split: {:?} / {:?}",
                    above.text,
                    line.text
                );
            }
        }
    }
}

/// The comparison itself: an identical page passes, a page with one glyph moved fails.
#[test]
fn a_moved_mark_is_caught_and_noise_is_not() {
    let (w, h) = (40u32, 20u32);
    let blank = vec![255u8; (w * h * 4) as usize];
    let mut noisy = blank.clone();
    noisy[0] = 250; // anti-aliasing noise within the tolerance
    assert!(compare(&encode(w, h, &blank), &encode(w, h, &noisy)).is_ok());
    let mut marked = blank.clone();
    for pixel in 0..10 {
        marked[pixel * 4..pixel * 4 + 3].copy_from_slice(&[0, 0, 0]);
    }
    let (what, diff) = compare(&encode(w, h, &blank), &encode(w, h, &marked)).unwrap_err();
    assert_eq!(what, "10 pixels differ");
    assert!(diff.is_some());
}
