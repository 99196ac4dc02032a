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
        let images = yoshiki::typeset::png_pages(&compiled.document, PPI).unwrap();
        for (k, png) in images.into_iter().enumerate() {
            pages.push((format!("{}-{n}_p{}.png", document.form.name, k + 1), png));
        }
    }
    pages
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
            std::fs::write(folder.join(name), png).unwrap();
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
